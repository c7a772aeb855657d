from podcards.cli import main

main()
