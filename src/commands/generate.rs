//! `vauth completions` and `vauth man`: render from the clap definition. The committed files
//! under completions/ and man/ are these renderings; a test fails when they differ.

use clap::CommandFactory;
use clap_complete::Shell;

use super::Ctx;
use crate::cli::{Cli, CompletionsArgs, ManArgs};
use crate::error::{Error, Outcome, Result};

/// The completion script for `shell`.
pub fn completion(shell: Shell) -> Vec<u8> {
    let mut cmd = crate::cli::eager(Cli::command);
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "vauth", &mut buf);
    buf
}

/// Every completion file: (file name under completions/, contents).
pub fn completion_files() -> Vec<(String, Vec<u8>)> {
    [
        (Shell::Bash, "vauth.bash"),
        (Shell::Zsh, "_vauth"),
        (Shell::Fish, "vauth.fish"),
        (Shell::PowerShell, "_vauth.ps1"),
        (Shell::Elvish, "vauth.elv"),
    ]
    .into_iter()
    .map(|(s, f)| (f.to_string(), completion(s)))
    .collect()
}

fn render(cmd: &clap::Command) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd.clone())
        .render(&mut buf)
        .map_err(|e| Error::bug(format!("cannot render a man page: {e}")))?;
    Ok(buf)
}

fn walk(cmd: &clap::Command, path: &str, out: &mut Vec<(String, Vec<u8>)>) -> Result<()> {
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("{path}-{}", sub.get_name());
        let named = sub.clone().name(name.clone()).display_name(name.clone());
        out.push((format!("{name}.1"), render(&named)?));
        walk(sub, &name, out)?;
    }
    Ok(())
}

/// Every man page: (file name under man/, contents). vauth.1 first.
pub fn man_pages() -> Result<Vec<(String, Vec<u8>)>> {
    let mut root = crate::cli::eager(Cli::command);
    root.build();
    let mut out = vec![("vauth.1".to_string(), render(&root)?)];
    walk(&root, "vauth", &mut out)?;
    Ok(out)
}

/// Run `vauth completions SHELL`.
pub fn completions(ctx: &Ctx<'_>, args: &CompletionsArgs) -> Result<Outcome> {
    ctx.ui
        .out(&String::from_utf8_lossy(&completion(args.shell)))?;
    Ok(Outcome::Ok)
}

/// Run `vauth man [COMMAND…]`.
pub fn man(ctx: &Ctx<'_>, args: &ManArgs) -> Result<Outcome> {
    let mut want = String::from("vauth");
    for part in &args.command {
        want.push('-');
        want.push_str(part);
    }
    want.push_str(".1");
    let pages = man_pages()?;
    let page = pages.iter().find(|(n, _)| *n == want).ok_or_else(|| {
        Error::usage(format!("no man page for `{}`", args.command.join(" ")))
            .hint("name a subcommand path such as `key create`; see `vauth --help`")
    })?;
    ctx.ui.out(&String::from_utf8_lossy(&page.1))?;
    Ok(Outcome::Ok)
}
