//! [`Lazy`]: a subcommand whose clap definition is built only when it is needed.
//!
//! Building the whole command tree (every verb, every flag, all the help text) cost about a third
//! of a millisecond on every run, `vauth --version` included. clap's `Command::defer` postpones a
//! subcommand's own arguments and verbs until the parser enters it (help for a command enters it
//! too). Completions and man pages render the whole tree, `help` subcommands included, which
//! clap copies from the children before it expands them: they build it with [`eager`], exactly
//! as before (tests/generated.rs compares it with the committed files).

use std::cell::Cell;

use clap::{ArgMatches, Args, Command, FromArgMatches, Subcommand};

thread_local! {
    static EAGER: Cell<bool> = const { Cell::new(false) };
}

/// Run `f` with every [`Lazy`] built at once: the complete tree for completions and man pages.
pub fn eager<R>(f: impl FnOnce() -> R) -> R {
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            EAGER.with(|e| e.set(self.0));
        }
    }
    let _reset = Reset(EAGER.with(|e| e.replace(true)));
    f()
}

/// `cmd` with `augment` now (under [`eager`]) or when clap first needs it.
fn defer(cmd: Command, now: fn(Command) -> Command, later: fn(Command) -> Command) -> Command {
    if EAGER.with(Cell::get) {
        now(cmd)
    } else {
        cmd.defer(later)
    }
}

/// A subcommand (a noun's verbs, or a verb's flags) built on first use. Derefs to the parsed
/// value, so `fn run(args: &T)` takes a `&Lazy<T>` as it is.
#[derive(Debug)]
pub struct Lazy<T>(pub T);

impl<T> std::ops::Deref for Lazy<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: FromArgMatches> FromArgMatches for Lazy<T> {
    fn from_arg_matches(m: &ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches(m).map(Lazy)
    }

    fn from_arg_matches_mut(m: &mut ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches_mut(m).map(Lazy)
    }

    fn update_from_arg_matches(&mut self, m: &ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches(m)
    }

    fn update_from_arg_matches_mut(&mut self, m: &mut ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches_mut(m)
    }
}

/// Run `augment` on `cmd`, keeping the about text `cmd` had: a deferred type's own doc comment
/// (`/// \`vauth key …\`.`) would otherwise replace the variant's, which clap applies after it.
fn keeping_about(cmd: Command, augment: fn(Command) -> Command) -> Command {
    let about = cmd.get_about().cloned();
    let long_about = cmd.get_long_about().cloned();
    let cmd = augment(cmd);
    let cmd = match about {
        Some(a) => cmd.about(a),
        None => cmd.about(None::<&str>),
    };
    match long_about {
        Some(a) => cmd.long_about(a),
        None => cmd.long_about(None::<&str>),
    }
}

fn subcommands<T: Subcommand>(cmd: Command) -> Command {
    keeping_about(cmd, T::augment_subcommands)
}

fn subcommands_for_update<T: Subcommand>(cmd: Command) -> Command {
    keeping_about(cmd, T::augment_subcommands_for_update)
}

fn args<T: Args>(cmd: Command) -> Command {
    keeping_about(cmd, T::augment_args)
}

fn args_for_update<T: Args>(cmd: Command) -> Command {
    keeping_about(cmd, T::augment_args_for_update)
}

impl<T: Subcommand> Subcommand for Lazy<T> {
    fn augment_subcommands(cmd: Command) -> Command {
        defer(cmd, T::augment_subcommands, subcommands::<T>)
    }

    fn augment_subcommands_for_update(cmd: Command) -> Command {
        defer(
            cmd,
            T::augment_subcommands_for_update,
            subcommands_for_update::<T>,
        )
    }

    fn has_subcommand(name: &str) -> bool {
        T::has_subcommand(name)
    }
}

impl<T: Args> Args for Lazy<T> {
    fn group_id() -> Option<clap::Id> {
        T::group_id()
    }

    fn augment_args(cmd: Command) -> Command {
        defer(cmd, T::augment_args, args::<T>)
    }

    fn augment_args_for_update(cmd: Command) -> Command {
        defer(cmd, T::augment_args_for_update, args_for_update::<T>)
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::eager;
    use crate::cli::Cli;

    /// Every command path, from the complete tree.
    fn paths(cmd: &clap::Command, path: Vec<String>, out: &mut Vec<Vec<String>>) {
        out.push(path.clone());
        for s in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            let mut p = path.clone();
            p.push(s.get_name().to_string());
            paths(s, p, out);
        }
    }

    fn render(cmd: clap::Command, args: &[String]) -> String {
        let argv = std::iter::once("vauth".to_string()).chain(args.iter().cloned());
        match cmd.try_get_matches_from(argv) {
            Ok(_) => "parsed".into(),
            Err(e) => format!("{:?}\n{}", e.kind(), e.render()),
        }
    }

    #[test]
    fn lazy_tree_parses_and_helps_like_the_complete_one() {
        let mut all = Vec::new();
        let mut root = eager(Cli::command);
        root.build();
        paths(&root, vec![], &mut all);
        assert!(all.len() > 50, "{} commands", all.len());
        for p in &all {
            let mut cases = vec![];
            for flag in ["--help", "-h", "--no-such-flag"] {
                let mut a = p.clone();
                a.push(flag.to_string());
                cases.push(a);
            }
            let mut help = vec!["help".to_string()];
            help.extend(p.iter().cloned());
            cases.push(help);
            cases.push(p.clone());
            for args in cases {
                let lazy = render(Cli::command(), &args);
                let full = render(eager(Cli::command), &args);
                assert_eq!(lazy, full, "vauth {}", args.join(" "));
            }
        }
    }

    #[test]
    fn the_default_tree_defers_and_eager_restores() {
        let lazy = Cli::command();
        let key = lazy.find_subcommand("key").unwrap();
        assert_eq!(key.get_subcommands().count(), 0, "key's verbs are deferred");
        assert!(key.get_about().is_some(), "the about text is there before");
        let full = eager(Cli::command);
        assert!(
            full.find_subcommand("key")
                .unwrap()
                .get_subcommands()
                .count()
                > 5
        );
        // eager() is scoped: the next tree is lazy again.
        assert_eq!(
            Cli::command()
                .find_subcommand("key")
                .unwrap()
                .get_subcommands()
                .count(),
            0
        );
    }
}
