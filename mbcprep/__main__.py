from mbcprep.app import entry

entry()
