//! Stand-alone migration CLI (`cargo run -p migrations -- up|down|status|fresh`), reading `DATABASE_URL`.
//! Day to day, `needscope migrate` does the same with Needscope's own configuration.

#[tokio::main]
async fn main() {
    sea_orm_migration::cli::run_cli(migrations::Migrator).await;
}
