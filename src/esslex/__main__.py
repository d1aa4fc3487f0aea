from esslex.cli import main

main()
