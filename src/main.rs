//! The `vauth` binary: parse, run, map the outcome to an exit code. Nothing else.

use clap::Parser;

fn main() -> std::process::ExitCode {
    vauth::output::install_panic_hook();
    // One crypto backend, aws-lc-rs, installed before anything signs or verifies.
    vauth::jwt::install_crypto_provider();
    let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
    let cli = match vauth::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let json = vauth::output::json_in_args(std::env::args_os());
            return vauth::output::report_clap_error(&e, json);
        }
    };
    let mut ui = vauth::output::Ui::from_cli(&cli);
    match vauth::run(cli, &mut ui) {
        Ok(outcome) => outcome.exit_code(),
        Err(err) => ui.report_error(&err),
    }
}
