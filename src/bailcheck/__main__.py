from bailcheck.cli.app import main

main()
