"""One module per `sottovoce` sub-command: add_arguments(parser) and main(args) -> exit status."""
