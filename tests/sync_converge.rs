//! Three devices (three databases, each with its own view of the synced folder) go through
//! random changes — add, log, edit the same and different fields, archive, merge, promise,
//! keep, undo, delete an interaction — and random syncs, while the "sync tool" between them
//! copies segments late, out of order, twice under another name, and cut off mid-file. After
//! a final round in which every file reaches every view, every device holds the same network
//! (`export json`, ids aside), and every interaction logged anywhere is there unless it was
//! deleted or undone. Devices compact as soon as they may (two segments every device
//! applied): a file a device replaced or removed reaches the others late, or not at all in
//! a view that relays an older one.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::Sandbox;
use common::sync::canonical_document;
use proptest::prelude::*;
use proptest::sample::Index;

const DEVICES: usize = 3;

#[derive(Debug, Clone)]
enum Step {
    Add(usize),
    Log(usize, Index),
    /// A field (company, role, location) set to one of a few values — devices often edit
    /// the same field — or a tag added or taken off (a set, element by element).
    Edit(usize, Index, usize, usize),
    Archive(usize, Index),
    Merge(usize, Index, Index),
    Promise(usize, Index),
    Keep(usize),
    Undo(usize),
    DeleteInteraction(usize, Index),
    Sync(usize),
    /// A new key for the folder (`sync rekey`): the other devices join again with it when
    /// their next sync says the key changed.
    Rekey(usize),
    /// The sync tool carries one change from one view to another: a file new or changed
    /// there (whole, cut off, or whole under a second name), or a file its owner removed.
    Copy(usize, usize, Index, Copying),
}

#[derive(Debug, Clone, Copy)]
enum Copying {
    Whole,
    CutOff,
    Twice,
}

fn step() -> impl Strategy<Value = Step> {
    let device = 0..DEVICES;
    prop_oneof![
        2 => device.clone().prop_map(Step::Add),
        4 => (device.clone(), any::<Index>()).prop_map(|(d, p)| Step::Log(d, p)),
        3 => (device.clone(), any::<Index>(), 0..5usize, 0..3usize)
            .prop_map(|(d, p, f, v)| Step::Edit(d, p, f, v)),
        1 => (device.clone(), any::<Index>()).prop_map(|(d, p)| Step::Archive(d, p)),
        1 => (device.clone(), any::<Index>(), any::<Index>())
            .prop_map(|(d, a, b)| Step::Merge(d, a, b)),
        1 => (device.clone(), any::<Index>()).prop_map(|(d, p)| Step::Promise(d, p)),
        1 => device.clone().prop_map(Step::Keep),
        1 => device.clone().prop_map(Step::Undo),
        1 => (device.clone(), any::<Index>()).prop_map(|(d, i)| Step::DeleteInteraction(d, i)),
        3 => device.clone().prop_map(Step::Sync),
        1 => device.clone().prop_map(Step::Rekey),
        5 => (device.clone(), device, any::<Index>(), prop_oneof![
                3 => Just(Copying::Whole),
                1 => Just(Copying::CutOff),
                1 => Just(Copying::Twice),
            ])
            .prop_map(|(f, t, i, c)| Step::Copy(f, t, i, c)),
    ]
}

struct World {
    s: Sandbox,
    dbs: Vec<PathBuf>,
    views: Vec<PathBuf>,
    made: usize,
    /// Each device's id: which folder of the views is its own.
    ids: Vec<String>,
    /// The folder's keys as `init` and each `sync rekey` printed them, oldest first.
    keys: Vec<String>,
    /// Notes of interactions logged, and of those deleted or undone since.
    logged: BTreeSet<String>,
    removed: BTreeSet<String>,
    /// The value of the latest edit of (person, field) — company, role, location — in the
    /// order the steps ran (which is the order of their clocks), for people no merge named
    /// and while no undo could have taken an edit back.
    latest: std::collections::BTreeMap<(String, String), String>,
    /// People a merge named or an undo took away: their fields are not checked.
    unsure: BTreeSet<String>,
    /// What ran, for the message of a failure.
    trace: std::cell::RefCell<Vec<String>>,
}

impl World {
    fn new() -> World {
        let s = Sandbox::new();
        let dbs = (0..DEVICES)
            .map(|d| s.dir.path().join(format!("device{d}")).join("tiesdesk.db"))
            .collect();
        let views: Vec<PathBuf> = (0..DEVICES)
            .map(|d| s.dir.path().join(format!("view{d}")))
            .collect();
        for view in &views {
            std::fs::create_dir_all(view).unwrap();
        }
        // Compact as soon as a device may: two segments every other device applied.
        std::fs::write(
            s.dir.path().join("no-config.toml"),
            "[sync]\ncompact_after = 2\n",
        )
        .unwrap();
        World {
            s,
            dbs,
            views,
            made: 0,
            ids: Vec::new(),
            keys: Vec::new(),
            logged: BTreeSet::new(),
            removed: BTreeSet::new(),
            latest: std::collections::BTreeMap::new(),
            unsure: BTreeSet::new(),
            trace: std::cell::RefCell::new(Vec::new()),
        }
    }

    /// Runs a command; it may fail (a person merged away on this device), never crash.
    fn run(&self, device: usize, args: &[&str]) -> Option<String> {
        let out = self.s.cmd_on(&self.dbs[device], args).output().unwrap();
        if !matches!(args.first(), Some(&"export" | &"promises")) {
            self.trace
                .borrow_mut()
                .push(format!("{device} {args:?} -> {}", out.status.success()));
        }
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !stderr.contains("panicked") && out.status.code().is_some_and(|c| c < 100),
            "device {device} {args:?}: {stderr}"
        );
        if !out.status.success() {
            self.trace
                .borrow_mut()
                .push(format!("   said: {}", stderr.trim()));
        }
        out.status
            .success()
            .then(|| String::from_utf8(out.stdout).unwrap())
    }

    fn must(&self, device: usize, args: &[&str]) -> String {
        self.run(device, args).unwrap_or_else(|| {
            panic!(
                "device {device}: {args:?} failed after:\n{}",
                self.trace.borrow().join("\n")
            )
        })
    }

    /// `sync`; when it says another device changed the key, the join line that device
    /// printed, as a user would. (Two devices that changed the key before hearing of each
    /// other: one key is the folder's, the same on every device; the other is refused.)
    /// Mid-way a join may have to wait for the new key's snapshot to reach this view; at the
    /// end (`every_file_here`) it may not.
    fn sync(&self, device: usize, every_file_here: bool) {
        if self.run(device, &["sync"]).is_some() {
            return;
        }
        let view = self.views[device].to_str().unwrap().to_string();
        let joined = (self.keys.iter().rev()).any(|key| {
            self.run(device, &["sync", "join", &view, "--key", key])
                .is_some()
        });
        assert!(
            joined || !every_file_here,
            "device {device} could not join again after:\n{}",
            self.trace.borrow().join("\n")
        );
    }

    fn document(&self, device: usize) -> serde_json::Value {
        serde_json::from_str(&self.must(device, &["export", "json"])).unwrap()
    }

    fn names(&self, device: usize) -> Vec<String> {
        (self.document(device)["people"].as_array().unwrap().iter())
            .map(|p| p["name"].as_str().unwrap().to_string())
            .collect()
    }

    fn notes(&self, device: usize) -> BTreeSet<String> {
        (self.document(device)["interactions"]
            .as_array()
            .unwrap()
            .iter())
        .map(|i| i["note"].as_str().unwrap().to_string())
        .collect()
    }

    fn pick(&self, device: usize, at: Index) -> Option<String> {
        let names = self.names(device);
        (!names.is_empty()).then(|| names[at.index(names.len())].clone())
    }

    /// What the sync tool could carry from `from`'s view to `to`'s, by path under the
    /// view: a file `to` lacks or holds otherwise (a part, an older version), and a file
    /// `from`'s owner removed from its own folder. Nothing reaches a device's own folder in
    /// its own view: there it is the only writer.
    fn missing(&self, from: usize, to: usize) -> Vec<Carry> {
        let mut out = Vec::new();
        let own = |view: usize| self.ids.get(view).map(|id| Path::new("tiesdesk").join(id));
        let owned_by_to = |relative: &Path| own(to).is_some_and(|o| relative.starts_with(o));
        for file in files(&self.views[from]) {
            let relative = file.strip_prefix(&self.views[from]).unwrap().to_path_buf();
            let there = self.views[to].join(&relative);
            if !owned_by_to(&relative) && std::fs::read(&there).ok() != std::fs::read(&file).ok() {
                out.push(Carry::File(relative));
            }
        }
        if let Some(own) = own(from) {
            for file in files(&self.views[to].join(&own)) {
                let relative = file.strip_prefix(&self.views[to]).unwrap().to_path_buf();
                if !self.views[from].join(&relative).exists() {
                    out.push(Carry::Removed(relative));
                }
            }
        }
        out
    }

    fn carry(&self, from: usize, to: usize, change: &Carry, copying: Copying) {
        match change {
            Carry::File(relative) => self.copy(from, to, relative, copying),
            Carry::Removed(relative) => {
                self.trace
                    .borrow_mut()
                    .push(format!("remove {from} -> {to} {}", relative.display()));
                std::fs::remove_file(self.views[to].join(relative)).unwrap();
            }
        }
    }

    fn copy(&self, from: usize, to: usize, relative: &Path, copying: Copying) {
        let bytes = std::fs::read(self.views[from].join(relative)).unwrap();
        self.trace.borrow_mut().push(format!(
            "copy {from} -> {to} {} {copying:?}",
            relative.display()
        ));
        let there = self.views[to].join(relative);
        std::fs::create_dir_all(there.parent().unwrap()).unwrap();
        match copying {
            Copying::Whole => std::fs::write(&there, &bytes).unwrap(),
            Copying::CutOff => std::fs::write(&there, &bytes[..bytes.len() / 2]).unwrap(),
            Copying::Twice => {
                std::fs::write(&there, &bytes).unwrap();
                if relative.extension().is_some_and(|e| e == "tds") {
                    let stem = relative.file_stem().unwrap().to_string_lossy();
                    let again = there.with_file_name(format!("{stem}.dup.tds"));
                    std::fs::write(again, &bytes).unwrap();
                }
            }
        }
    }

    /// Every file reaches every view, whole.
    fn spread(&self) {
        for from in 0..DEVICES {
            for to in 0..DEVICES {
                if from != to {
                    for change in self.missing(from, to) {
                        self.carry(from, to, &change, Copying::Whole);
                    }
                }
            }
        }
    }

    fn apply(&mut self, step: &Step) {
        match *step {
            Step::Add(d) => {
                self.made += 1;
                let name = format!("P{d} {}", self.made);
                self.run(d, &["add", &name]);
            }
            Step::Log(d, at) => {
                let Some(name) = self.pick(d, at) else { return };
                self.made += 1;
                let note = format!("n{}", self.made);
                if self
                    .run(d, &["log", &name, "--mutual", "--note", &note])
                    .is_some()
                {
                    self.logged.insert(note);
                }
            }
            Step::Edit(d, at, field, value) => {
                let Some(name) = self.pick(d, at) else { return };
                let flag = ["--company", "--role", "--location", "--tag", "--untag"][field];
                let value = format!("{}{value}", &flag[2..3]).replace('u', "t");
                let edited = self.run(d, &["edit", &name, flag, &value]).is_some();
                if edited && field < 3 && !self.unsure.contains(&name) {
                    self.latest.insert((name, flag[2..].to_string()), value);
                }
            }
            Step::Archive(d, at) => {
                if let Some(name) = self.pick(d, at) {
                    self.run(d, &["archive", &name]);
                }
            }
            Step::Merge(d, a, b) => {
                let (Some(keep), Some(other)) = (self.pick(d, a), self.pick(d, b)) else {
                    return;
                };
                if keep != other {
                    // A merge fills the kept one's empty fields, at its own clock.
                    self.latest
                        .retain(|(name, _), _| *name != keep && *name != other);
                    self.unsure.extend([keep.clone(), other.clone()]);
                    self.run(d, &["merge", &keep, &other]);
                }
            }
            Step::Promise(d, at) => {
                if let Some(name) = self.pick(d, at) {
                    self.made += 1;
                    self.run(d, &["promise", &name, &format!("promise {}", self.made)]);
                }
            }
            Step::Keep(d) => {
                let open: serde_json::Value =
                    serde_json::from_str(&self.must(d, &["promises", "--json"])).unwrap();
                if let Some(id) = open
                    .as_array()
                    .unwrap()
                    .first()
                    .map(|p| p["id"].to_string())
                {
                    self.run(d, &["kept", &id]);
                }
            }
            Step::Undo(d) => {
                // It may take an edit back (a later change, with the earlier value).
                self.latest.clear();
                let before = self.notes(d);
                let names_before = self.names(d);
                if self.run(d, &["undo"]).is_some() {
                    // Someone it took away (an add undone) is gone for good.
                    let names_after = self.names(d);
                    (self.unsure).extend(
                        names_before
                            .into_iter()
                            .filter(|n| !names_after.contains(n)),
                    );
                    let after = self.notes(d);
                    self.removed.extend(before.difference(&after).cloned());
                    // An undone delete brings its interaction back.
                    for back in after.difference(&before) {
                        self.removed.remove(back);
                    }
                }
            }
            Step::DeleteInteraction(d, at) => {
                let doc = self.document(d);
                let all = doc["interactions"].as_array().unwrap();
                if all.is_empty() {
                    return;
                }
                let chosen = &all[at.index(all.len())];
                let id = chosen["id"].to_string();
                if self.run(d, &["interaction", "delete", &id]).is_some() {
                    self.removed
                        .insert(chosen["note"].as_str().unwrap().to_string());
                }
            }
            Step::Sync(d) => self.sync(d, false),
            Step::Rekey(d) => {
                // It may be on an old key itself: then it cannot, and says so.
                if let Some(said) = self.run(d, &["sync", "rekey"]) {
                    self.keys.push(key_in(&said));
                }
            }
            Step::Copy(from, to, at, copying) => {
                if from == to {
                    return;
                }
                let missing = self.missing(from, to);
                if !missing.is_empty() {
                    self.carry(from, to, &missing[at.index(missing.len())], copying);
                }
            }
        }
    }
}

/// The key in a join line.
fn key_in(said: &str) -> String {
    said.split_whitespace()
        .skip_while(|w| *w != "--key")
        .nth(1)
        .unwrap()
        .to_string()
}

/// One change the sync tool carries.
#[derive(Debug)]
enum Carry {
    File(PathBuf),
    Removed(PathBuf),
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// A network to start from on device 0, which makes the folder; the others join it.
fn set_up(world: &mut World) {
    for name in ["Ana Lima", "Bo Chen", "Carmen Ortiz"] {
        world.must(0, &["add", name]);
    }
    world.must(0, &["log", "Ana Lima", "--mutual", "--note", "n0"]);
    world.logged.insert("n0".into());
    let view = world.views[0].to_str().unwrap().to_string();
    let said = world.must(0, &["sync", "init", &view]);
    let key = key_in(&said);
    world.keys.push(key.clone());
    for d in 1..DEVICES {
        for change in world.missing(0, d) {
            world.carry(0, d, &change, Copying::Whole);
        }
        let view = world.views[d].to_str().unwrap().to_string();
        world.must(d, &["sync", "join", &view, "--key", &key]);
    }
    world.ids = (0..DEVICES)
        .map(|d| {
            let status: serde_json::Value =
                serde_json::from_str(&world.must(d, &["sync", "status", "--json"])).unwrap();
            status["device"].as_str().unwrap().to_string()
        })
        .collect();
}

proptest! {
    // SYNC_CASES=200 for a longer search than CI's.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("SYNC_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(10),
        max_shrink_iters: 64,
        ..ProptestConfig::default()
    })]

    #[test]
    fn three_devices_converge_whatever_the_sync_tool_does(steps in prop::collection::vec(step(), 10..45)) {
        let mut world = World::new();
        set_up(&mut world);
        for step in &steps {
            world.apply(step);
        }
        // The final round: every file everywhere, every device syncs, twice over.
        for _ in 0..2 {
            for d in 0..DEVICES {
                world.spread();
                world.sync(d, true);
            }
        }
        world.spread();
        for d in 0..DEVICES {
            world.sync(d, true);
        }
        let first = canonical_document(world.document(0));
        for d in 1..DEVICES {
            prop_assert_eq!(
                &first,
                &canonical_document(world.document(d)),
                "device {} differs after:\n{}",
                d,
                world.trace.borrow().join("\n")
            );
        }
        let expected: BTreeSet<String> = world.logged.difference(&world.removed).cloned().collect();
        let notes: BTreeSet<String> = world.notes(0).into_iter().filter(|n| !n.is_empty()).collect();
        let kept_favours: BTreeSet<String> = notes.iter().filter(|n| n.starts_with("promise ")).cloned().collect();
        let logged: BTreeSet<String> = notes.difference(&kept_favours).cloned().collect();
        prop_assert_eq!(logged, expected, "after:\n{}", world.trace.borrow().join("\n"));
        // Each field holds the value of its latest edit.
        let people = world.document(0)["people"].clone();
        for ((name, field), value) in &world.latest {
            // No merge named them and no undo ran since: they are there.
            let person = (people.as_array().unwrap().iter()).find(|p| p["name"] == name.as_str());
            prop_assert!(person.is_some(), "{} is gone after:\n{}", name, world.trace.borrow().join("\n"));
            prop_assert_eq!(
                person.and_then(|p| p[field.as_str()].as_str()),
                Some(value.as_str()),
                "{}'s {} after:\n{}",
                name,
                field,
                world.trace.borrow().join("\n")
            );
        }
    }
}
