//! The kill campaign of issue 16 ("Proven"): one home with three API keys pushed to the REAL
//! PostgreSQL 15 and Redis 7 the harness starts, a policy with a short grace, the test clock
//! (VAUTH_TEST_NOW) moving forward, and cycles chosen by a seeded PRNG. Each cycle runs one
//! operation — `rotate apply K`, `rotate finalize`, `key revoke K --version N` or plain
//! `vauth rotate` — and kills it: VAUTH_TEST_CRASH at one of the crash points (apply's journaled
//! steps, revoke's `revoke-*` points, the commit points), a SIGKILL after a random delay, two
//! runs racing, or nothing. Then it resumes (the same operation again, and `rotate finalize` when
//! the plan says one is due) and checks, with real logins, that the record and the databases
//! agree (see [`Campaign::check`]). Every violation is collected per invariant, with the cycle and
//! the seed, and the test fails at the end with a report of all of them.
//!
//! The first cycles walk every crash point once (each with an operation that reaches it), so even
//! the default run kills at every point; the rest are random. Knobs (README, "Development"):
//! `VAUTH_KILL_CYCLES` (default [`DEFAULT_CYCLES`]) and `VAUTH_KILL_SEED` (decimal or 0x-hex;
//! default [`DEFAULT_SEED`]) — the seed is printed, and the same seed replays the same choices
//! (where a SIGKILL after a delay lands still depends on the machine's speed).

use std::collections::{BTreeMap, BTreeSet};
use std::os::unix::process::ExitStatusExt;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use time::OffsetDateTime;

use crate::util::postgres::{PG_ADMIN_PW, Pg, start_pg};
use crate::util::redis::{REDIS_ADMIN_PW, RedisServer, start_redis};
use crate::util::{Run, TestEnv, rfc3339, stale_temps, state, test_hooks};

/// Cycles of the default run: the walk of every crash point plus random ones, about a minute
/// on a busy 2-core machine (some 2 s a cycle).
const DEFAULT_CYCLES: u32 = 30;
/// The seed of the default run.
const DEFAULT_SEED: u64 = 0x16_c0ff_ee16;
/// The API keys, each pushed to both targets.
const KEYS: [&str; 3] = ["kc-a", "kc-b", "kc-c"];
/// The targets: PostgreSQL (alternating `<name>_a`/`_b` roles) and Redis (one ACL user).
const TARGETS: [&str; 2] = ["pg", "rd"];
/// The policy's grace, in minutes (and max_age, below).
const GRACE_MIN: i64 = 60;
const POLICY: &str = "max_age = \"90m\"\ngrace = \"1h\"\n";
/// How long one run may take before the campaign calls it hung and kills it.
const RUN_DEADLINE: Duration = Duration::from_secs(90);

/// `rotate apply`'s journaled steps (src/lifecycle/rotation.rs).
const APPLY_POINTS: &[&str] = &[
    "rotate-created",
    "rotate-before-push",
    "rotate-after-push",
    "rotate-after-current",
    "rotate-done",
];
/// Around each remote revocation of `rotate finalize`, `key revoke` and `cert revoke`.
const REVOKE_POINTS: &[&str] = &["revoke-before-remote", "revoke-after-remote"];
/// Every commit (src/store/session.rs) and every atomic write (src/fsutil.rs).
const COMMIT_POINTS: &[&str] = &["after-vault", "after-state", "after-audit", "before-rename"];

/// SplitMix64: small, seedable, the same sequence everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
    /// True with probability `pct`%.
    fn chance(&mut self, pct: u64) -> bool {
        self.below(100) < pct
    }
}

/// The operation of a cycle.
#[derive(Clone, Debug)]
enum Op {
    Apply(String),
    Finalize,
    Revoke(String, u32),
    Rotate,
}

impl Op {
    fn args(&self) -> Vec<String> {
        let v: Vec<&str> = match self {
            Op::Apply(k) => vec!["rotate", "apply", k],
            Op::Finalize => vec!["rotate", "finalize"],
            Op::Revoke(k, _) => vec!["key", "revoke", k, "--version"],
            Op::Rotate => vec!["rotate"],
        };
        let mut v: Vec<String> = v.into_iter().map(str::to_string).collect();
        if let Op::Revoke(_, n) = self {
            v.push(n.to_string());
        }
        v
    }
    /// Its kind, for timing.
    fn kind(&self) -> &'static str {
        match self {
            Op::Apply(_) => "apply",
            Op::Finalize => "finalize",
            Op::Revoke(..) => "revoke",
            Op::Rotate => "rotate",
        }
    }
    /// The crash points this operation can reach, with the home's `commit` points.
    fn points(&self, commit: &[&'static str]) -> Vec<&'static str> {
        let mut p: Vec<&'static str> = match self {
            Op::Apply(_) => APPLY_POINTS.to_vec(),
            Op::Finalize | Op::Revoke(..) => REVOKE_POINTS.to_vec(),
            Op::Rotate => APPLY_POINTS.iter().chain(REVOKE_POINTS).copied().collect(),
        };
        p.extend(commit);
        p
    }
    /// Whether a run of it may rotate `key`.
    fn rotates(&self, key: &str) -> bool {
        match self {
            Op::Apply(k) => k == key,
            Op::Rotate => true,
            Op::Finalize | Op::Revoke(..) => false,
        }
    }
}

/// How a run dies.
#[derive(Clone, Copy, Debug)]
enum Death {
    /// VAUTH_TEST_CRASH at this point.
    Crash(&'static str),
    /// SIGKILL this long after the start: a fraction (per mille, from the seed) of how long a
    /// run of the operation took lately, so the kill lands inside the run on any machine.
    Kill(Duration),
    /// SIGKILL as soon as Redis no longer holds a password the run is to revoke (a version
    /// whose grace ended): inside the window between the remote revocations and the record's
    /// commit — issue 16's reproduction of a stranded finalize.
    KillOnRedisDrop,
    /// It runs to its end.
    Live,
}

/// One finished run.
struct Done {
    op: Op,
    death: Death,
    /// The exit code; None when a signal ended it.
    code: Option<i32>,
    signal: Option<i32>,
    stdout: String,
    stderr: String,
    took: Duration,
}

impl Done {
    /// The `--json` report on stdout (its last line), when there is one.
    fn report(&self) -> Option<Value> {
        serde_json::from_str(self.stdout.trim().lines().last()?).ok()
    }
    fn describe(&self) -> String {
        format!(
            "`vauth {}` ({:?}): code {:?} signal {:?}; stderr: {}",
            self.op.args().join(" "),
            self.death,
            self.code,
            self.signal,
            self.stderr.trim()
        )
    }
}

/// One version as the record has it: `key show --json` (status) and state.json (what was pushed).
struct Version {
    version: u32,
    status: String,
    sha256: String,
    /// (target, login user).
    pushed: Vec<(String, String)>,
}

/// Counts for the closing summary.
#[derive(Default, Debug)]
struct Stats {
    runs: u32,
    crashed: u32,
    sigkilled: u32,
    killed_on_drop: u32,
    races: u32,
    resumes: u32,
    logins: u32,
}

struct Campaign<'a> {
    /// The runner whose runs are killed.
    env: &'a TestEnv,
    /// The runner that resumes (and runs whatever is not killed): another machine's HOME and
    /// XDG dirs on a PostgreSQL home, the same runner on a directory home.
    resumer: &'a TestEnv,
    /// The commit crash points of the home's backend.
    commit_points: &'static [&'static str],
    /// Whether the home is in PostgreSQL (no temp files or lock file to check).
    db_home: bool,
    pg: &'a Pg,
    redis: &'a RedisServer,
    seed: u64,
    rng: Rng,
    cycle: u32,
    now: OffsetDateTime,
    /// Every plaintext the campaign has seen (revealed while valid), by (key, version).
    secrets: BTreeMap<(String, u32), String>,
    /// (key, version, target) the server already refused after the record called it revoked:
    /// secrets are random and never pushed again, so a refusal stands.
    refused: BTreeSet<(String, u32, String)>,
    /// How many runs each crash point killed.
    fired: BTreeMap<&'static str, u32>,
    /// Violations by invariant.
    failures: BTreeMap<&'static str, Vec<String>>,
    stats: Stats,
    seq: u32,
    /// How long a run of each kind of operation took lately (a moving average).
    typical: BTreeMap<&'static str, Duration>,
}

impl Campaign<'_> {
    /// Record a violation of `invariant` unless `ok`.
    fn expect(&mut self, invariant: &'static str, ok: bool, what: impl FnOnce() -> String) {
        if !ok {
            let msg = format!(
                "cycle {} (VAUTH_KILL_SEED={:#x}): {}",
                self.cycle,
                self.seed,
                what()
            );
            eprintln!("kill campaign: VIOLATION {invariant}: {msg}");
            self.failures.entry(invariant).or_default().push(msg);
        }
    }

    fn now_s(&self) -> String {
        rfc3339(self.now)
    }

    /// A vauth run at the campaign's clock, through the harness (leak scan included).
    fn vauth(&self, args: &[&str]) -> Run {
        let now = self.now_s();
        self.env.run_with(
            args,
            None,
            &[
                ("VAUTH_TEST_NOW", now.as_str()),
                ("VAUTH_LOCK_TIMEOUT", "30"),
            ],
        )
    }

    /// Start `op` at the campaign's clock, dying as `death` says.
    fn spawn(&mut self, op: &Op, death: Death) -> (Child, std::path::PathBuf) {
        self.seq += 1;
        let base = self.env.path(&format!("run-{}", self.seq));
        let runner = if matches!(death, Death::Live) {
            self.resumer
        } else {
            self.env
        };
        let mut c = runner.command();
        c.args(["--yes", "--json"])
            .args(op.args())
            .env("VAUTH_TEST_NOW", self.now_s())
            .env("VAUTH_LOCK_TIMEOUT", "30")
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(base.with_extension("out")).unwrap())
            .stderr(std::fs::File::create(base.with_extension("err")).unwrap());
        if let Death::Crash(p) = death {
            c.env("VAUTH_TEST_CRASH", p);
        }
        self.stats.runs += 1;
        (c.spawn().unwrap(), base)
    }

    /// Run `ops` at once (each dying as given), wait for all of them; a run past
    /// [`RUN_DEADLINE`] is killed and reported.
    fn run_all(&mut self, ops: &[(Op, Death)]) -> Vec<Done> {
        let start = Instant::now();
        type Kid = (
            Child,
            std::path::PathBuf,
            Option<(std::process::ExitStatus, Duration)>,
        );
        let mut kids: Vec<Kid> = ops
            .iter()
            .map(|(op, d)| {
                let (c, p) = self.spawn(op, *d);
                (c, p, None)
            })
            .collect();
        let watch = if ops.iter().any(|(_, d)| matches!(d, Death::KillOnRedisDrop)) {
            self.due_on_redis()
        } else {
            Vec::new()
        };
        let mut hung = Vec::new();
        while kids.iter().any(|k| k.2.is_none()) {
            let dropped = !watch.is_empty()
                && watch
                    .iter()
                    .any(|(u, h)| !self.redis.password_hashes(u).contains(h));
            for (i, (child, _, end)) in kids.iter_mut().enumerate() {
                if end.is_some() {
                    continue;
                }
                let late = start.elapsed();
                if let Some(s) = child.try_wait().unwrap() {
                    *end = Some((s, late));
                    continue;
                }
                let kill = match ops[i].1 {
                    Death::Kill(after) => late >= after,
                    Death::KillOnRedisDrop => dropped,
                    _ => false,
                };
                if late >= RUN_DEADLINE {
                    hung.push(i);
                }
                if kill || late >= RUN_DEADLINE {
                    let _ = child.kill();
                    *end = Some((child.wait().unwrap(), late));
                }
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        let done: Vec<Done> = kids
            .into_iter()
            .zip(ops)
            .map(|((_, base, end), (op, death))| {
                let (status, took) = end.unwrap();
                let read = |ext: &str| {
                    let p = base.with_extension(ext);
                    let t = std::fs::read_to_string(&p).unwrap_or_default();
                    let _ = std::fs::remove_file(&p);
                    t
                };
                Done {
                    op: op.clone(),
                    death: *death,
                    code: status.code(),
                    signal: status.signal(),
                    stdout: read("out"),
                    stderr: read("err"),
                    took,
                }
            })
            .collect();
        for d in &done {
            eprintln!(
                "kill campaign:   `{}` {:?} → code {:?} signal {:?} after {} ms",
                d.op.args().join(" "),
                d.death,
                d.code,
                d.signal,
                d.took.as_millis()
            );
            // How long a whole run of this operation takes, for the next SIGKILL's delay: a
            // slowly decaying maximum of the runs that ended by themselves or at a crash point.
            if d.code.is_some() || matches!(d.death, Death::Crash(_)) {
                let e = self.typical.entry(d.op.kind()).or_insert(d.took);
                *e = d.took.max(e.mul_f64(0.9));
            }
        }
        for d in &done {
            // Nothing a run prints (killed or not) may carry a secret the campaign has seen.
            self.env.scan(
                &Run {
                    code: d.code.unwrap_or(-1),
                    stdout: d.stdout.clone(),
                    stderr: d.stderr.clone(),
                },
                false,
            );
            match d.death {
                Death::Crash(p) if d.signal == Some(9) => {
                    *self.fired.entry(p).or_default() += 1;
                    self.stats.crashed += 1;
                }
                Death::Kill(_) if d.signal == Some(9) => self.stats.sigkilled += 1,
                Death::KillOnRedisDrop if d.signal == Some(9) => self.stats.killed_on_drop += 1,
                _ => {}
            }
        }
        for i in hung {
            let d = done[i].describe();
            self.expect("run-finishes", false, || {
                format!("still running after {RUN_DEADLINE:?}, killed: {d}")
            });
        }
        done
    }

    /// (Redis user, password hash) of every version whose grace ended and that the record
    /// still has live on Redis: what a finalize at the campaign's clock revokes there.
    fn due_on_redis(&self) -> Vec<(String, String)> {
        let st = state(self.env);
        let mut out = Vec::new();
        for k in KEYS {
            for v in st["api_keys"][k]["versions"]
                .as_array()
                .into_iter()
                .flatten()
            {
                let ended = v["grace_until"].as_str().is_some_and(|g| {
                    OffsetDateTime::parse(g, &time::format_description::well_known::Rfc3339)
                        .is_ok_and(|g| g <= self.now)
                });
                if !ended || !v["revoked_at"].is_null() {
                    continue;
                }
                for p in v["pushed"].as_array().into_iter().flatten() {
                    if p["target"] == "rd" && p["revoked_at"].is_null() {
                        out.push((
                            p["user"].as_str().unwrap().to_string(),
                            v["sha256"].as_str().unwrap().to_string(),
                        ));
                    }
                }
            }
        }
        out
    }

    /// Every version of `key` as the record has it.
    fn record(&mut self, key: &str) -> Vec<Version> {
        let r = self.vauth(&["--json", "key", "show", key]);
        if r.code != 0 {
            let e = r.stderr.clone();
            self.expect("record-readable", false, || {
                format!("`key show {key}` exits {}: {e}", r.code)
            });
            return Vec::new();
        }
        let st = state(self.env);
        r.json()["versions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| {
                let n = v["version"].as_u64().unwrap() as u32;
                let sv = st["api_keys"][key]["versions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|x| x["version"] == n)
                    .cloned()
                    .unwrap_or(Value::Null);
                Version {
                    version: n,
                    status: v["status"].as_str().unwrap().to_string(),
                    sha256: sv["sha256"].as_str().unwrap_or_default().to_string(),
                    pushed: sv["pushed"]
                        .as_array()
                        .map(|ps| {
                            ps.iter()
                                .map(|p| {
                                    (
                                        p["target"].as_str().unwrap().to_string(),
                                        p["user"].as_str().unwrap().to_string(),
                                    )
                                })
                                .collect()
                        })
                        .unwrap_or_default(),
                }
            })
            .collect()
    }

    /// The newest version number of every key (state.json).
    fn tops(&self) -> BTreeMap<String, u32> {
        let st = state(self.env);
        KEYS.iter()
            .map(|k| {
                let top = st["api_keys"][*k]["versions"]
                    .as_array()
                    .map(|vs| {
                        vs.iter()
                            .filter_map(|v| v["version"].as_u64())
                            .max()
                            .unwrap_or(0)
                    })
                    .unwrap_or(0);
                (k.to_string(), top as u32)
            })
            .collect()
    }

    /// The unfinished rotations in state.json: key → journaled successor version.
    fn journal(&self) -> BTreeMap<String, u32> {
        state(self.env)["rotations"]
            .as_object()
            .map(|m| {
                m.iter()
                    .map(|(k, r)| (k.clone(), r["to_version"].as_u64().unwrap_or(0) as u32))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The plaintext of `key` v`n`: remembered, or revealed now (it must be valid).
    fn secret(&mut self, key: &str, n: u32) -> Option<String> {
        if let Some(s) = self.secrets.get(&(key.to_string(), n)) {
            return Some(s.clone());
        }
        let r = self.vauth(&[
            "--yes",
            "--json",
            "key",
            "show",
            key,
            "--reveal",
            "--version",
            &n.to_string(),
        ]);
        if r.code != 0 {
            return None;
        }
        let s = r.json()["key"].as_str()?.to_string();
        self.env.secret(&s);
        self.secrets.insert((key.to_string(), n), s.clone());
        Some(s)
    }

    /// Whether `user` logs in on `target` with `secret`, for real.
    fn logs_in(&mut self, target: &str, user: &str, secret: &str) -> bool {
        self.stats.logins += 1;
        match target {
            "pg" => self.pg.login(user, secret, "SELECT 1").0,
            _ => self.redis.logs_in(user, secret),
        }
    }

    /// Pick the cycle's operation (and a run before it, when the operation needs one) and how
    /// it dies. The first cycles walk every crash point in turn.
    fn choose(&mut self, c: u32) -> (Option<String>, Vec<(Op, Death)>) {
        let key = || KEYS[c as usize % KEYS.len()].to_string();
        let walk: Vec<(&str, &'static str)> = APPLY_POINTS
            .iter()
            .map(|p| ("apply", *p))
            .chain(REVOKE_POINTS.iter().map(|p| ("revoke", *p)))
            .chain(REVOKE_POINTS.iter().map(|p| ("finalize", *p)))
            .chain([("finalize", "")])
            .chain(self.commit_points.iter().map(|p| ("apply", *p)))
            .collect();
        if let Some((what, point)) = walk.get(c as usize) {
            let death = if point.is_empty() {
                Death::KillOnRedisDrop
            } else {
                Death::Crash(point)
            };
            return match *what {
                "apply" => (None, vec![(Op::Apply(key()), death)]),
                "revoke" => {
                    let (pre, op) = self.revoke_op(&key(), false);
                    (pre, vec![(op, death)])
                }
                // A rotation first, then past its grace: finalize has a revocation to do.
                _ => (Some(key()), vec![(Op::Finalize, death)]),
            };
        }
        let op = self.random_op();
        let (pre, op) = match op {
            Op::Revoke(k, _) => self.revoke_op(&k, true),
            op => (None, op),
        };
        if self.rng.chance(15) {
            // Two runs racing: the other one is any operation; one of them may be SIGKILLed.
            self.stats.races += 1;
            let other = match self.random_op() {
                Op::Revoke(k, _) => self.revoke_op(&k, true).1,
                o => o,
            };
            let (d1, d2) = match self.rng.below(3) {
                0 => (self.sigkill(&op), Death::Live),
                1 => (Death::Live, self.sigkill(&other)),
                _ => (Death::Live, Death::Live),
            };
            return (pre, vec![(op, d1), (other, d2)]);
        }
        let d = match self.rng.below(100) {
            0..=49 => {
                let points = op.points(self.commit_points);
                Death::Crash(points[self.rng.below(points.len() as u64) as usize])
            }
            50..=64 if matches!(op, Op::Finalize | Op::Rotate) => Death::KillOnRedisDrop,
            50..=84 => self.sigkill(&op),
            _ => Death::Live,
        };
        (pre, vec![(op, d)])
    }

    /// A SIGKILL somewhere inside a run of `op`: a fraction (from the seed) of how long its
    /// runs took lately (400 ms before the first one).
    fn sigkill(&mut self, op: &Op) -> Death {
        let whole = self
            .typical
            .get(op.kind())
            .copied()
            .unwrap_or(Duration::from_millis(400));
        Death::Kill(whole.mul_f64(self.rng.below(1000) as f64 / 1000.0))
    }

    fn random_op(&mut self) -> Op {
        let k = self.rng.pick(&KEYS).to_string();
        match self.rng.below(100) {
            0..=34 => Op::Apply(k),
            35..=54 => Op::Finalize,
            55..=69 => Op::Revoke(k, 0),
            _ => Op::Rotate,
        }
    }

    /// `key revoke K --version N` for a version of K that is not current and not revoked (a
    /// revoked one when there is none: a repeat must be harmless); with a rotation of K first
    /// when K has no other version at all.
    fn revoke_op(&mut self, key: &str, repeat_ok: bool) -> (Option<String>, Op) {
        let st = state(self.env);
        let vs = st["api_keys"][key]["versions"].as_array().cloned();
        let vs = vs.unwrap_or_default();
        let top = vs.iter().filter_map(|v| v["version"].as_u64()).max();
        let live: Vec<u32> = vs
            .iter()
            .filter(|v| v["revoked_at"].is_null() && v["version"].as_u64() != top)
            .filter_map(|v| v["version"].as_u64().map(|n| n as u32))
            .collect();
        let revoked: Vec<u32> = vs
            .iter()
            .filter(|v| !v["revoked_at"].is_null())
            .filter_map(|v| v["version"].as_u64().map(|n| n as u32))
            .collect();
        if !live.is_empty() {
            return (None, Op::Revoke(key.into(), *self.rng.pick(&live)));
        }
        if repeat_ok && !revoked.is_empty() && self.rng.chance(50) {
            return (None, Op::Revoke(key.into(), *self.rng.pick(&revoked)));
        }
        // Rotate first: the version current now is the one to revoke.
        let n = top.unwrap_or(1) as u32;
        (Some(key.to_string()), Op::Revoke(key.into(), n))
    }

    /// One cycle: move the clock, run the operation and its killer, resume, check.
    fn cycle(&mut self, c: u32) {
        self.cycle = c;
        let walk_len = walk_len(self.commit_points);
        let step = if c < walk_len {
            5
        } else {
            *self.rng.pick(&[0, 5, 15, 30, 45, 65])
        };
        self.now += time::Duration::minutes(step);
        let before = self.tops();
        let (pre, mut ops) = self.choose(c);
        let mut rotating_runs: BTreeMap<String, u32> = BTreeMap::new();
        if let Some(k) = &pre {
            let d = self.run_all(&[(Op::Apply(k.clone()), Death::Live)]);
            *rotating_runs.entry(k.clone()).or_default() += 1;
            let desc = d[0].describe();
            let rotated = d[0].code == Some(0);
            self.expect("prelude-rotates", rotated, || desc);
            if !rotated {
                // Never revoke a version that may still be current: finalize instead.
                for (op, _) in &mut ops {
                    if matches!(op, Op::Revoke(..)) {
                        *op = Op::Finalize;
                    }
                }
            }
            if ops.iter().any(|(o, _)| matches!(o, Op::Finalize)) {
                // Past the grace of the version it superseded.
                self.now += time::Duration::minutes(GRACE_MIN + 1);
            }
        }
        eprintln!(
            "kill campaign: cycle {c} at {}: {}",
            self.now_s(),
            ops.iter()
                .map(|(o, d)| format!("`{}` {d:?}", o.args().join(" ")))
                .collect::<Vec<_>>()
                .join(" racing ")
        );
        let runs = self.run_all(&ops);
        for (op, _) in &ops {
            for k in KEYS {
                if op.rotates(k) {
                    *rotating_runs.entry(k.to_string()).or_default() += 1;
                }
            }
        }
        // Resume: each operation again, without a killer; then finalize when one is due.
        let journal = self.journal();
        let mut seen_ops: Vec<String> = Vec::new();
        for (op, _) in &ops {
            let key = op.args().join(" ");
            if seen_ops.contains(&key) {
                continue;
            }
            seen_ops.push(key);
            for k in KEYS {
                if op.rotates(k) {
                    *rotating_runs.entry(k.to_string()).or_default() += 1;
                }
            }
            self.stats.resumes += 1;
            let d = self.run_all(&[(op.clone(), Death::Live)]).remove(0);
            let desc = d.describe();
            self.expect("resume-succeeds", d.code == Some(0), || desc);
            // A resumed rotation finishes the journaled successor, never another one.
            if let Some(rep) = d.report() {
                for x in rep["rotated"].as_array().into_iter().flatten() {
                    let name = x["credential"].as_str().unwrap_or_default().to_string();
                    let to = x["to_version"].as_u64().unwrap_or(0) as u32;
                    if let Some(&j) = journal.get(&name) {
                        self.expect("journal-reused", to == j, || {
                            format!("{name}: the journal held v{j}, the resume made v{to}")
                        });
                    }
                }
            }
        }
        let plan = self.vauth(&["--json", "rotate", "plan"]);
        let finalize_due = plan.stdout.trim().lines().last().is_some_and(|l| {
            serde_json::from_str::<Value>(l).is_ok_and(|p| {
                p["items"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|i| i["finalize"].as_array().is_some_and(|f| !f.is_empty()))
            })
        });
        if finalize_due {
            let d = self.run_all(&[(Op::Finalize, Death::Live)]).remove(0);
            let desc = d.describe();
            self.expect("resume-succeeds", d.code == Some(0), || {
                format!("the due finalize: {desc}")
            });
        }
        // Every report of a rotation that completed says one version up.
        for d in &runs {
            for x in d
                .report()
                .map(|r| r["rotated"].clone())
                .as_ref()
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let (from, to) = (x["from_version"].as_u64(), x["to_version"].as_u64());
                let what = format!("{x}");
                self.expect("one-version-per-rotate", to == from.map(|f| f + 1), || {
                    format!("a rotation reported {from:?} → {to:?}: {what}")
                });
            }
        }
        let after = self.tops();
        for k in KEYS {
            let (b, a) = (before[k], after[k]);
            let n = rotating_runs.get(k).copied().unwrap_or(0);
            self.expect("one-version-per-rotate", a <= b + n, || {
                format!("{k} went from v{b} to v{a} with {n} run(s) that may rotate it")
            });
        }
        self.check();
    }

    /// The invariants, after the resume.
    fn check(&mut self) {
        if !self.db_home {
            self.check_dir();
        }
        self.check_record();
    }

    /// A directory home's own invariants: no temp files, a free lock.
    fn check_dir(&mut self) {
        // No temporary copies of a killed write are left in the home.
        let home = self.env.home();
        let temps = stale_temps(&home);
        self.expect("no-temp-files", temps.is_empty(), || {
            format!("left in the home: {temps:?}")
        });
        let marker = home.join("buckets/.pending");
        self.expect("no-pending-marker", !marker.exists(), || {
            format!("{} is left after the last commit", marker.display())
        });
        // The lock is free: nothing holds it after the runs ended.
        let lock = self.env.home().join("lock");
        let free = std::fs::File::open(&lock).map(|f| f.try_lock().is_ok());
        self.expect("lock-free", free.unwrap_or(true), || {
            format!("{} is still locked", lock.display())
        });
    }

    /// The record's and the databases' invariants.
    fn check_record(&mut self) {
        let journal = self.journal();
        self.expect("journal-empty", journal.is_empty(), || {
            format!("unfinished rotations after the resume: {journal:?}")
        });
        for key in KEYS {
            self.check_key(key);
        }
        for t in TARGETS {
            let r = self.vauth(&["target", "drift", t]);
            self.expect("drift-clean", r.code == 0, || {
                format!(
                    "`target drift {t}` exits {}:\n{}{}",
                    r.code, r.stdout, r.stderr
                )
            });
        }
        let r = self.vauth(&["audit", "verify"]);
        self.expect("audit-verifies", r.code == 0, || {
            format!("`audit verify` exits {}: {}", r.code, r.stderr.trim())
        });
    }

    /// The record of `key` against the servers.
    fn check_key(&mut self, key: &str) {
        let versions = self.record(key);
        let valid: Vec<&Version> = versions
            .iter()
            .filter(|v| matches!(v.status.as_str(), "active" | "grace"))
            .collect();
        let active = versions.iter().filter(|v| v.status == "active").count();
        self.expect("current-exists", active == 1, || {
            format!("{key} has {active} active versions")
        });
        let list: Vec<String> = valid
            .iter()
            .map(|v| format!("v{} {}", v.version, v.status))
            .collect();
        self.expect("rule-of-2", valid.len() <= 2, || {
            format!(
                "{key}: the record calls {} versions valid: {list:?}",
                valid.len()
            )
        });
        for v in &valid {
            let Some(secret) = self.secret(key, v.version) else {
                let n = v.version;
                self.expect("valid-logs-in", false, || {
                    format!("{key} v{n} is valid but its plaintext cannot be revealed")
                });
                continue;
            };
            for (t, user) in &v.pushed {
                let ok = self.logs_in(t, user, &secret);
                let (n, s) = (v.version, v.status.clone());
                self.expect("valid-logs-in", ok, || {
                    format!("{key} v{n} ({s}) is refused on {t} as {user}")
                });
            }
        }
        for v in versions.iter().filter(|v| v.status == "revoked") {
            let secret = self.secrets.get(&(key.to_string(), v.version)).cloned();
            for (t, user) in &v.pushed {
                let id = (key.to_string(), v.version, t.clone());
                if self.refused.contains(&id) {
                    continue;
                }
                let refused = match &secret {
                    Some(s) => !self.logs_in(t, user, s),
                    // Never seen valid (made and revoked within one cycle): Redis still shows
                    // whether it holds the hash; PostgreSQL cannot be asked without it.
                    None if t == "rd" => !self.redis.password_hashes(user).contains(&v.sha256),
                    None => continue,
                };
                let n = v.version;
                self.expect("revoked-refused", refused, || {
                    format!("{key} v{n} is revoked in the record but {t} accepts it as {user}")
                });
                if refused {
                    self.refused.insert(id);
                }
            }
        }
        // Redis holds no password the record does not call live (no stray hash).
        let users: BTreeSet<&String> = versions
            .iter()
            .flat_map(|v| v.pushed.iter().filter(|(t, _)| t == "rd").map(|(_, u)| u))
            .collect();
        let live: BTreeSet<&str> = versions
            .iter()
            .filter(|v| v.status != "revoked")
            .map(|v| v.sha256.as_str())
            .collect();
        for u in users {
            let stray: Vec<String> = self
                .redis
                .password_hashes(u)
                .into_iter()
                .filter(|h| !live.contains(h.as_str()))
                .map(|h| {
                    let n = versions.iter().find(|v| v.sha256 == h).map(|v| v.version);
                    format!("{}… (version {n:?})", &h[..12])
                })
                .collect();
            self.expect("redis-matches-record", stray.is_empty(), || {
                format!("Redis user {u} holds passwords the record calls revoked or never made: {stray:?}")
            });
        }
    }
}

/// The cycles that walk the crash points (and the kill when Redis drops a hash) before the
/// random ones.
fn walk_len(commit: &[&str]) -> u32 {
    (APPLY_POINTS.len() + 2 * REVOKE_POINTS.len() + 1 + commit.len()) as u32
}

/// The seed and the number of cycles: the knobs, or the defaults.
fn knobs() -> (u64, u32) {
    let seed = std::env::var("VAUTH_KILL_SEED").ok().map(|s| {
        let s = s.trim().to_string();
        match s.strip_prefix("0x") {
            Some(h) => u64::from_str_radix(h, 16),
            None => s.parse(),
        }
        .unwrap_or_else(|e| panic!("VAUTH_KILL_SEED={s:?} is not a number: {e}"))
    });
    let cycles = std::env::var("VAUTH_KILL_CYCLES").ok().map(|s| {
        s.trim()
            .parse()
            .unwrap_or_else(|e| panic!("VAUTH_KILL_CYCLES={s:?} is not a number: {e}"))
    });
    (
        seed.unwrap_or(DEFAULT_SEED),
        cycles.unwrap_or(DEFAULT_CYCLES),
    )
}

#[test]
fn kill_campaign_keeps_record_and_databases_in_step() {
    if !test_hooks("kill_campaign::kill_campaign_keeps_record_and_databases_in_step") {
        return;
    }
    let (seed, cycles) = knobs();
    campaign(seed, cycles, false);
}

/// The same campaign on a PostgreSQL home (issue 12) shared by two runners: runs that are killed
/// belong to one, resumes and live runs to the other. `VAUTH_KILL_PG_CYCLES` (default
/// [`DEFAULT_PG_CYCLES`]) sets its length; the seed is the same knob.
#[test]
fn kill_campaign_on_a_postgresql_home_with_two_runners() {
    if !test_hooks("kill_campaign::kill_campaign_on_a_postgresql_home_with_two_runners") {
        return;
    }
    let (seed, _) = knobs();
    let cycles = std::env::var("VAUTH_KILL_PG_CYCLES")
        .ok()
        .map_or(DEFAULT_PG_CYCLES, |s| {
            s.trim()
                .parse()
                .unwrap_or_else(|e| panic!("VAUTH_KILL_PG_CYCLES={s:?} is not a number: {e}"))
        });
    campaign(seed, cycles, true);
}

/// The commit crash points of a PostgreSQL home (one statement: no file renamed).
const PG_COMMIT_POINTS: &[&str] = &["after-vault", "after-state", "after-audit"];
/// Cycles of the default PostgreSQL-home run: the walk of every point plus three random ones.
const DEFAULT_PG_CYCLES: u32 = 16;

fn campaign(seed: u64, cycles: u32, db_home: bool) {
    eprintln!(
        "kill campaign: seed {seed:#x}, {cycles} cycles{} (replay: VAUTH_KILL_SEED={seed:#x} \
         VAUTH_KILL_CYCLES={cycles})",
        if db_home { " on a PostgreSQL home" } else { "" }
    );
    let Some(redis) = start_redis() else { return };
    let with_redis = |e: TestEnv| {
        e.secret(REDIS_ADMIN_PW);
        e.with_env("R_ADMIN", REDIS_ADMIN_PW)
    };
    // The server certificate's CA: the home's own on a directory home; on a PostgreSQL home
    // (which lives in that server) a directory home beside it.
    let ca = TestEnv::new();
    let (env, resumer, pg) = if db_home {
        ca.run(&["init"]).ok();
        ca.run(&["ca", "init"]).ok();
        let Some(pg) = start_pg(&ca) else { return };
        let env = with_redis(pg.runner("campaign"));
        let resumer = with_redis(pg.runner("campaign"));
        env.run(&["init"]).ok();
        (env, Some(resumer), pg)
    } else {
        let env = with_redis(TestEnv::new().with_env("PG_ADMIN", PG_ADMIN_PW));
        env.secret(PG_ADMIN_PW);
        env.run(&["init"]).ok();
        env.run(&["ca", "init"]).ok();
        let Some(pg) = start_pg(&env) else { return };
        (env, None, pg)
    };
    let resumer = resumer.as_ref().unwrap_or(&env);
    let commit_points = if db_home {
        PG_COMMIT_POINTS
    } else {
        COMMIT_POINTS
    };
    pg.add_target(&env, "pg");
    redis.add_target(&env, "rd");
    // The clock starts a minute from now and only moves forward.
    let start = OffsetDateTime::now_utc() + time::Duration::minutes(1);
    let at = rfc3339(start);
    let mut policy = String::new();
    for k in KEYS {
        env.run_with(&["key", "create", k], None, &[("VAUTH_TEST_NOW", &at)])
            .ok();
        policy.push_str(&format!("\n[[policy]]\ncredential = \"{k}\"\n{POLICY}"));
    }
    let mut push = vec!["push"];
    push.extend(KEYS);
    for t in TARGETS {
        let mut a = push.clone();
        a.extend(["--to", t]);
        env.run_with(&a, None, &[("VAUTH_TEST_NOW", &at)]).ok();
    }
    env.append_config(&policy);

    let mut c = Campaign {
        env: &env,
        resumer,
        commit_points,
        db_home,
        pg: &pg,
        redis: &redis,
        seed,
        rng: Rng(seed),
        cycle: 0,
        now: start,
        secrets: BTreeMap::new(),
        refused: BTreeSet::new(),
        fired: BTreeMap::new(),
        failures: BTreeMap::new(),
        stats: Stats::default(),
        seq: 0,
        typical: BTreeMap::new(),
    };
    // The starting point already holds.
    c.check();
    for n in 1..=cycles {
        c.cycle(n - 1);
    }
    // Every crash point killed a run (the walk of the first cycles reaches each of them).
    let walk_len = walk_len(commit_points);
    if cycles >= walk_len {
        for p in APPLY_POINTS
            .iter()
            .chain(REVOKE_POINTS)
            .chain(commit_points)
        {
            let n = c.fired.get(p).copied().unwrap_or(0);
            c.expect("crash-point-fires", n > 0, || {
                format!("VAUTH_TEST_CRASH={p} never killed a run")
            });
        }
        // On a database home the window between Redis's drop and the record's commit is a
        // few milliseconds, and a loaded machine's watcher may miss it: there the
        // `revoke-after-remote` crash point (which must fire) kills in that window instead.
        let n = c.stats.killed_on_drop;
        c.expect("crash-point-fires", n > 0 || db_home, || {
            "no finalize was killed when Redis dropped a hash".to_string()
        });
    }
    let tops = c.tops();
    eprintln!(
        "kill campaign: seed {seed:#x}, {cycles} cycles: {:?}; crash points fired {:?}; \
         versions now {tops:?}",
        c.stats, c.fired
    );
    if !c.failures.is_empty() {
        let mut report = format!(
            "kill campaign (VAUTH_KILL_SEED={seed:#x} VAUTH_KILL_CYCLES={cycles}): {} invariant(s) violated\n",
            c.failures.len()
        );
        for (inv, msgs) in &c.failures {
            report.push_str(&format!("\n== {inv}: {} violation(s)\n", msgs.len()));
            for m in msgs.iter().take(4) {
                report.push_str(&format!("   {m}\n"));
            }
        }
        panic!("{report}");
    }
}
