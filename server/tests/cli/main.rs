//! The `needscope` binary's command-line tools, run as a user would run them.

mod analyze;
