from bailcheck.cli.app import entry

entry()
