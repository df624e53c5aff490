from mbcprep.start import entry

entry()
