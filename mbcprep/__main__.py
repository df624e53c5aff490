from mbcprep.main import entry

entry()
