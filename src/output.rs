//! Everything vauth writes to the terminal goes through here: the product on stdout, messages on
//! stderr, errors rendered as one line of what failed plus one line of what to do (or a JSON
//! object with `--json`). The only module allowed to print.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use serde::Serialize;

use crate::cli::{Cli, ColorChoice};
use crate::env;
use crate::error::{Error, ErrorKind, Result, io_reason};

/// A command's result. Every command builds one and hands it to [`Ui::report`]: serialised as
/// the JSON object with `--json`, rendered for people by [`Report::human`] otherwise. Commands
/// never branch on `--json` to print (only to refuse input that cannot share stdout with JSON).
pub trait Report: Serialize {
    /// The human rendering: the product on stdout with [`Ui::out`] / [`Ui::lines`], messages on
    /// stderr with [`Ui::note`] / [`Ui::warn`].
    fn human(&self, ui: &Ui) -> Result<()>;

    /// The `--json` rendering: the report as one object. A result that is a stream of objects
    /// (JSON lines, one per item) overrides it.
    fn json(&self, ui: &Ui) -> Result<()>
    where
        Self: Sized,
    {
        ui.out_json(self)
    }
}

/// One item of a streamed result, written by [`Lines::item`]: its JSON object on one line with
/// `--json`, its human line otherwise.
pub trait LineReport: Serialize {
    /// The line people see.
    fn human_line(&self) -> std::borrow::Cow<'_, str>;
}

/// Output settings for one run.
#[derive(Debug, Clone)]
pub struct Ui {
    /// `--json`.
    pub json: bool,
    /// `-q`: no notes.
    pub quiet: bool,
    /// `-v` count.
    pub verbose: u8,
    color: bool,
}

impl Ui {
    /// From the global flags.
    pub fn from_cli(cli: &Cli) -> Ui {
        let color = match cli.global.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => !env::is_set(env::NO_COLOR) && std::io::stderr().is_terminal(),
        };
        Ui {
            json: cli.global.json,
            quiet: cli.global.quiet,
            verbose: cli.global.verbose,
            color,
        }
    }

    /// A plain Ui (tests).
    pub fn plain(json: bool) -> Ui {
        Ui {
            json,
            quiet: false,
            verbose: 0,
            color: false,
        }
    }

    /// Write the product (stdout). A failed write (a full disk, a closed pipe) is an error of
    /// kind `Undelivered` (exit 5): callers whose work is already recorded say what was done.
    pub fn out(&self, text: &str) -> Result<()> {
        let mut o = std::io::stdout().lock();
        o.write_all(text.as_bytes())
            .and_then(|_| {
                if text.ends_with('\n') {
                    Ok(())
                } else {
                    o.write_all(b"\n")
                }
            })
            .and_then(|_| o.flush())
            .map_err(|e| stdout_failed(&e))
    }

    /// A buffered writer for many product lines (bulk output). A closed pipe ends it quietly.
    pub fn lines(&self) -> Lines {
        Lines {
            out: std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock()),
            json: self.json,
            closed: false,
            failed: None,
        }
    }

    /// Write a JSON result object to stdout (pretty on a terminal, one line otherwise).
    pub fn out_json<T: Serialize>(&self, value: &T) -> Result<()> {
        let text = if std::io::stdout().is_terminal() {
            serde_json::to_string_pretty(value)
        } else {
            serde_json::to_string(value)
        };
        match text {
            Ok(t) => self.out(&t),
            Err(e) => Err(Error::bug(format!("cannot render JSON: {e}"))),
        }
    }

    /// Print a command's result: the JSON object with `--json`, the human rendering otherwise.
    pub fn report<R: Report>(&self, report: &R) -> Result<()> {
        if self.json {
            report.json(self)
        } else {
            report.human(self)
        }
    }

    /// Whether stdout is a terminal.
    pub fn stdout_is_terminal(&self) -> bool {
        std::io::stdout().is_terminal()
    }

    /// A message for people (stderr), unless `-q`.
    pub fn note(&self, msg: &str) {
        if !self.quiet {
            eprintln!("{msg}");
        }
    }

    /// A message only people see: with `--json` the report already says it (unless `-q`).
    pub fn human_note(&self, msg: &str) {
        if !self.json {
            self.note(msg);
        }
    }

    /// One line of what a take-back did on a target (`TARGET: what`): shown with `-v` — unless
    /// it is a step left to the user (`TARGET: todo: …`, e.g. Qdrant's config, which vauth cannot
    /// change), which everyone sees.
    pub fn remote_log(&self, line: &str) {
        match line.split_once(": todo: ") {
            Some((target, step)) => self.note(&format!("{target}: to do by hand: {step}")),
            None => self.debug(&format!("ran {line}")),
        }
    }

    /// A detail shown with `-v`.
    pub fn debug(&self, msg: &str) {
        if self.verbose > 0 {
            eprintln!("vauth: {msg}");
        }
    }

    /// A warning (stderr), unless `-q`.
    pub fn warn(&self, msg: &str) {
        if !self.quiet {
            let p = self.paint("warning:", "33");
            eprintln!("{p} {msg}");
        }
    }

    fn paint(&self, s: &str, code: &str) -> String {
        if self.color {
            format!("\x1b[1;{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    /// Render an error and return its exit code.
    pub fn report_error(&self, err: &Error) -> ExitCode {
        if self.json {
            #[derive(Serialize)]
            struct Body<'a> {
                exit_code: u8,
                kind: &'a str,
                message: &'a str,
                #[serde(skip_serializing_if = "Option::is_none")]
                hint: Option<&'a str>,
            }
            #[derive(Serialize)]
            struct Wrapper<'a> {
                error: Body<'a>,
            }
            let w = Wrapper {
                error: Body {
                    exit_code: err.exit_code(),
                    kind: err.kind().as_str(),
                    message: err.message(),
                    hint: err.hint_text(),
                },
            };
            if let Ok(t) = serde_json::to_string(&w) {
                eprintln!("{t}");
            }
        } else {
            let p = self.paint("error:", "31");
            eprintln!("vauth: {p} {}", err.message());
            if let Some(h) = err.hint_text() {
                let hp = self.paint("hint:", "36");
                eprintln!("  {hp} {h}");
            }
        }
        ExitCode::from(err.exit_code())
    }
}

/// Whether `--json` appears among the command-line arguments (before a `--`), for the errors
/// clap raises before any [`Ui`] exists.
pub fn json_in_args<I: IntoIterator<Item = std::ffi::OsString>>(args: I) -> bool {
    args.into_iter()
        .skip(1)
        .take_while(|a| a != "--")
        .any(|a| a == "--json")
}

/// Render a command-line error from clap and return its exit code: `--help` / `--version` print
/// as usual (exit 0); a usage error is clap's text (exit 2), or with `json` the documented error
/// object on stderr (`kind` `"usage"`, exit 2).
pub fn report_clap_error(err: &clap::Error, json: bool) -> ExitCode {
    if !json || !err.use_stderr() {
        let _ = err.print();
        return ExitCode::from(if err.use_stderr() { 2 } else { 0 });
    }
    let (message, hint) = clap_error_lines(err);
    let e = Error::usage(message).hint(hint);
    Ui::plain(true).report_error(&e)
}

/// One line of what is wrong and one of what to do, from clap's rendered text.
fn clap_error_lines(err: &clap::Error) -> (String, String) {
    use clap::error::ErrorKind as K;
    let text = err.render().to_string();
    let mut message: Option<String> = None;
    // The "error:" block runs to the first blank line (e.g. the list of missing arguments).
    let mut in_message = false;
    let mut tips = Vec::new();
    let mut usage = None;
    for line in text.lines() {
        let t = line.trim();
        if t.is_empty() {
            in_message = false;
        } else if let Some(m) = t.strip_prefix("error: ") {
            in_message = message.is_none();
            message.get_or_insert_with(|| m.to_string());
        } else if let Some(tip) = t.strip_prefix("tip: ") {
            tips.push(tip.to_string());
        } else if let Some(u) = t.strip_prefix("Usage: ") {
            usage.get_or_insert_with(|| u.to_string());
        } else if in_message && let Some(m) = message.as_mut() {
            m.push(' ');
            m.push_str(t);
        }
    }
    let message = message.unwrap_or_else(|| match err.kind() {
        K::DisplayHelpOnMissingArgumentOrSubcommand => "a subcommand is required".to_string(),
        _ => err.kind().to_string(),
    });
    let command = usage
        .as_deref()
        .map(|u| {
            u.split_whitespace()
                .take_while(|w| !w.starts_with(['[', '<', '-']) && *w != "COMMAND")
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| "vauth".to_string());
    let mut hint = tips.join("; ");
    if !hint.is_empty() {
        hint.push_str("; ");
    }
    match &usage {
        Some(u) => hint.push_str(&format!("usage: {u} (see `{command} --help`)")),
        None => hint.push_str(&format!("see `{command} --help`")),
    }
    (message, hint)
}

/// Product lines on stdout, buffered (see [`Ui::lines`]).
pub struct Lines {
    out: std::io::BufWriter<std::io::StdoutLock<'static>>,
    json: bool,
    closed: bool,
    failed: Option<std::io::Error>,
}

impl Lines {
    /// Write one line. Returns false once the reader has gone (a closed pipe) or the write
    /// failed: stop producing.
    pub fn line(&mut self, text: &str) -> bool {
        if self.closed {
            return false;
        }
        if let Err(e) = self
            .out
            .write_all(text.as_bytes())
            .and_then(|()| self.out.write_all(b"\n"))
        {
            self.closed = true;
            self.failed = Some(e);
        }
        !self.closed
    }

    /// Write one item of a streamed result: its JSON object (one line) with `--json`, its human
    /// line otherwise. Returns false once the reader has gone, like [`Lines::line`].
    pub fn item<L: LineReport>(&mut self, item: &L) -> Result<bool> {
        if !self.json {
            return Ok(self.line(&item.human_line()));
        }
        let text = serde_json::to_string(item)
            .map_err(|e| Error::bug(format!("cannot render JSON: {e}")))?;
        Ok(self.line(&text))
    }

    /// Flush what is buffered. A reader that closed the pipe early (`| head`) is not an error;
    /// any other failure (a full disk) is, of kind `Undelivered` (exit 5).
    pub fn finish(mut self) -> Result<()> {
        if !self.closed
            && let Err(e) = self.out.flush()
        {
            self.failed = Some(e);
        }
        match self.failed {
            Some(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(stdout_failed(&e)),
            _ => Ok(()),
        }
    }
}

/// The error for a product that could not be written to stdout.
pub fn stdout_failed(e: &std::io::Error) -> Error {
    Error::new(
        ErrorKind::Undelivered,
        format!("cannot write the result to stdout: {}", io_reason(e)),
    )
    .hint("fix where stdout goes (a full disk, a closed pipe), then run the command again")
}

/// The end of a push note: ` (probed)` when the pushed key was probed on the target, else
/// ` (UNVERIFIED)`.
pub fn probed(verified: bool) -> &'static str {
    if verified {
        " (probed)"
    } else {
        " (UNVERIFIED)"
    }
}

/// A plain-text table: left-aligned columns separated by two spaces, header first.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            if i < widths.len() {
                widths[i] = widths[i].max(c.chars().count());
            }
        }
    }
    let mut out = String::new();
    let mut line = |cells: Vec<&str>| {
        let mut l = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i + 1 == cells.len() {
                l.push_str(c);
            } else {
                l.push_str(c);
                l.push_str(&" ".repeat(widths[i] - c.chars().count() + 2));
            }
        }
        out.push_str(l.trim_end());
        out.push('\n');
    };
    line(headers.to_vec());
    for r in rows {
        line(r.iter().map(String::as_str).collect());
    }
    out
}

/// A panic prints the version and where to report it, never the command line (which could hold
/// paths users consider private) and never a secret.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "vauth {}: internal error (a bug){at}. Please report it with the vauth version and the \
             subcommand you ran (no secrets, no argv needed). Exit status 101.",
            env!("CARGO_PKG_VERSION")
        );
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_aligns_columns() {
        let t = table(
            &["NAME", "ID"],
            &[
                vec!["a".into(), "1".into()],
                vec!["long-name".into(), "22".into()],
            ],
        );
        assert_eq!(t, "NAME       ID\na          1\nlong-name  22\n");
    }
}
