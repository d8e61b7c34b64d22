//! `needscope`: the web server and the administrator's command-line tools.

fn main() -> anyhow::Result<()> {
    server::cli::run()
}
