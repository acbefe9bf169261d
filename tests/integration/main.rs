//! Integration tests of the core and the CLI.
