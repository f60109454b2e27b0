from bailcheck.cli import main

main()
