//! `config.toml`: the model's parameters. Defaults live in `assets/default-config.toml`; a
//! user's file overrides any subset of them. A bad value is an error naming the key.

use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::model::{Kind, UserZone};

mod edit;
pub use edit::{add_to_ignore, save_my_address, save_my_chat_name};

pub const DEFAULT_CONFIG: &str = include_str!("../assets/default-config.toml");

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub model: ModelConfig,
    pub ledger: LedgerConfig,
    pub me: MeConfig,
    pub capture: CaptureConfig,
    pub sync: SyncConfig,
    /// Key overrides for the app: context → key → action (see `assets/keymap.toml`).
    #[serde(default)]
    pub keys: std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelConfig {
    pub dunbar: usize,
    pub layers: Vec<usize>,
    pub cadence_days: Vec<u32>,
    pub overdue_factor: f64,
    pub median_gap_factor: f64,
    pub median_gap_min_gaps: usize,
    pub median_gap_recent: usize,
    pub half_life_days: f64,
    pub family_half_life_days: f64,
    pub active_window_days: u32,
    pub long_dormant_days: u32,
    pub long_dormant_inner_days: u32,
    pub kind_weights: KindWeights,
}

/// How much one interaction of each kind adds to warmth, by kind (`model.kind_weights` in
/// config.toml, keyed by the kind's name). A kind not given takes its weight from the kind's
/// own table (`Kind::words`), so a new kind needs no line here.
#[derive(Debug, Clone, PartialEq)]
pub struct KindWeights([f64; crate::model::KIND_COUNT]);

impl Default for KindWeights {
    fn default() -> Self {
        KindWeights(Kind::ALL.map(|kind| kind.words().weight))
    }
}

impl<'de> Deserialize<'de> for KindWeights {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let given = std::collections::BTreeMap::<String, f64>::deserialize(deserializer)?;
        let mut weights = KindWeights::default();
        for (name, weight) in given {
            let kind = Kind::from_name(&name).ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "unknown kind '{name}': expected {}",
                    Kind::names()
                ))
            })?;
            weights.0[usize::from(kind.code())] = weight;
        }
        Ok(weights)
    }
}

impl KindWeights {
    pub fn weight(&self, kind: Kind) -> f64 {
        self.0[usize::from(kind.code())]
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LedgerConfig {
    pub window_days: u32,
    pub one_sided_min_favours: u32,
    pub they_take_share: f64,
    pub you_take_share: f64,
}

/// Who the user is, so a mail or an invitation can say which way it went.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeConfig {
    pub emails: Vec<String>,
    /// Your name as chats show it (a chat export names you as the phone does).
    #[serde(default)]
    pub names: Vec<String>,
    /// Your own phone numbers (a chat that names you by number).
    #[serde(default)]
    pub phones: Vec<String>,
    /// Your country (`NL`): national numbers (`06…`) read as international (`+316…`).
    #[serde(default)]
    pub country: Option<String>,
}

/// How often the app syncs while open (DESIGN, "Sync across devices").
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SyncConfig {
    /// Minutes between syncs while the app is open; 0: only when it opens and quits.
    pub interval: u32,
    /// A device folds its own segments into one snapshot once this many that every device
    /// has applied have gathered.
    pub compact_after: u32,
}

/// The rules for reading mail and calendars (DESIGN.md, "Capture").
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaptureConfig {
    /// A mail to more people than this is a broadcast, not a conversation.
    pub max_recipients: usize,
    /// An event with more attendees than this is a meeting of many, not time with someone.
    pub max_attendees: usize,
    /// A chat with more other authors than this is a broadcast, not a conversation.
    #[serde(default = "default_max_group")]
    pub max_group: usize,
    /// `--add-people` adds an unknown correspondent with at least this many exchanges each way.
    pub min_exchanges: usize,
    /// The zone whose days contacts fall on (`Europe/Amsterdam`); unset: `TZ`, else the
    /// system's.
    #[serde(default)]
    pub timezone: Option<String>,
    /// Addresses never listed as unknown: lists, shops, people you do not keep (the app's
    /// report adds to it).
    #[serde(default)]
    pub ignore: Vec<String>,
}

fn default_max_group() -> usize {
    8
}

impl CaptureConfig {
    /// The zone a contact's day is taken in: `capture.timezone`, else the `TZ` the user runs
    /// with, else the system's own (by name when it has one).
    pub fn zone(&self) -> UserZone {
        if let Some(zone) = self.timezone.as_deref().and_then(UserZone::named) {
            return zone;
        }
        match std::env::var("TZ") {
            // A TZ that names no zone (a POSIX rule) is still the C library's: the system's.
            Ok(tz) if !tz.trim().is_empty() => UserZone::named(&tz).unwrap_or(UserZone::System),
            _ => iana_time_zone::get_timezone()
                .ok()
                .and_then(|name| UserZone::named(&name))
                .unwrap_or(UserZone::System),
        }
    }

    /// Whether `email` is one the user said never to list.
    pub fn ignores(&self, email: &str) -> bool {
        self.ignore
            .iter()
            .any(|i| i.trim().eq_ignore_ascii_case(email))
    }
}

impl Default for Config {
    fn default() -> Self {
        // The embedded defaults are checked by a unit test; this cannot fail in a release.
        match Config::parse(DEFAULT_CONFIG, Path::new("(built-in defaults)")) {
            Ok(config) => config,
            Err(e) => panic!("built-in default config is invalid: {e}"),
        }
    }
}

impl Config {
    /// Reads the config at `path`, or the defaults when there is no file there.
    pub fn load(path: &Path) -> Result<Config> {
        match std::fs::read_to_string(path) {
            Ok(text) => Config::parse(&text, path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(Error::Config {
                path: path.to_path_buf(),
                reason: crate::error::io_reason(&e),
            }),
        }
    }

    /// Parses a config text laid over the defaults, then checks every value.
    pub fn parse(text: &str, path: &Path) -> Result<Config> {
        let config_error = |reason: String| Error::Config {
            path: path.to_path_buf(),
            reason: crate::error::one_line(&reason),
        };
        let mut merged: toml::Table = DEFAULT_CONFIG
            .parse()
            .map_err(|e: toml::de::Error| config_error(e.message().to_string()))?;
        let user: toml::Table = text
            .parse()
            .map_err(|e: toml::de::Error| config_error(e.message().to_string()))?;
        merge(&mut merged, user, "");
        let config: Config =
            serde_path_to_error::deserialize(toml::Value::Table(merged)).map_err(|e| {
                let key = e.path().to_string();
                config_error(format!("{key}: {}", e.into_inner().message()))
            })?;
        config.validate().map_err(config_error)?;
        Ok(config)
    }

    fn validate(&self) -> std::result::Result<(), String> {
        let m = &self.model;
        let l = &self.ledger;
        let c = &self.capture;
        // Every number has a range that makes sense: a value outside it (1e308, a negative
        // half-life) would give warmth of `inf` or nonsense, so it is refused by its key.
        let counts: [(&str, usize, usize, usize); 12] = [
            ("model.dunbar", m.dunbar, 10, 1000),
            ("model.median_gap_min_gaps", m.median_gap_min_gaps, 1, 1000),
            ("model.median_gap_recent", m.median_gap_recent, 1, 1000),
            (
                "model.active_window_days",
                m.active_window_days as usize,
                1,
                36_500,
            ),
            (
                "model.long_dormant_days",
                m.long_dormant_days as usize,
                1,
                36_500,
            ),
            (
                "model.long_dormant_inner_days",
                m.long_dormant_inner_days as usize,
                1,
                36_500,
            ),
            ("ledger.window_days", l.window_days as usize, 1, 36_500),
            (
                "ledger.one_sided_min_favours",
                l.one_sided_min_favours as usize,
                1,
                10_000,
            ),
            ("capture.max_recipients", c.max_recipients, 1, 100_000),
            ("capture.max_attendees", c.max_attendees, 1, 100_000),
            ("capture.max_group", c.max_group, 1, 100_000),
            (
                "sync.compact_after",
                self.sync.compact_after as usize,
                2,
                100_000,
            ),
        ];
        for (key, value, low, high) in counts {
            if !(low..=high).contains(&value) {
                return Err(format!("{key} = {value}: expected {low} to {high}"));
            }
        }
        if !(1..=100_000).contains(&c.min_exchanges) {
            return Err(format!(
                "capture.min_exchanges = {}: expected 1 to 100000",
                c.min_exchanges
            ));
        }
        if m.layers.is_empty()
            || m.layers.len() > 10
            || m.layers.windows(2).any(|w| w[0] >= w[1])
            || m.layers[0] == 0
            || m.layers.iter().any(|&size| size > 100_000)
        {
            return Err(
                "model.layers: expected up to 10 growing sizes such as [5, 15, 50, 150]".into(),
            );
        }
        if m.cadence_days.len() != m.layers.len()
            || m.cadence_days.iter().any(|d| !(1..=36_500).contains(d))
        {
            return Err(format!(
                "model.cadence_days: expected {} numbers of days from 1 to 36500, one per layer",
                m.layers.len()
            ));
        }
        let mut reals = vec![
            ("model.half_life_days", m.half_life_days, 1.0, 36_500.0),
            (
                "model.family_half_life_days",
                m.family_half_life_days,
                1.0,
                36_500.0,
            ),
            ("model.overdue_factor", m.overdue_factor, 1.0, 100.0),
            ("model.median_gap_factor", m.median_gap_factor, 0.1, 100.0),
        ];
        let weight_keys: Vec<String> = Kind::ALL
            .iter()
            .map(|kind| format!("model.kind_weights.{kind}"))
            .collect();
        for (kind, key) in Kind::ALL.iter().zip(&weight_keys) {
            reals.push((key.as_str(), m.kind_weights.weight(*kind), 0.0, 1_000.0));
        }
        for (key, value, low, high) in reals {
            if !(value.is_finite() && (low..=high).contains(&value)) {
                return Err(format!("{key} = {value}: expected {low} to {high}"));
            }
        }
        if let Some(bad) = self.me.emails.iter().find(|e| !e.contains('@')) {
            return Err(format!("me.emails: '{bad}' is not an e-mail address"));
        }
        let country = self.me.country.as_deref();
        if let Some(bad) = (self.me.phones.iter())
            .find(|p| crate::import::chat::rules::phone_key(p, country).is_none())
        {
            return Err(format!(
                "me.phones: '{bad}' is not a phone number (a national one needs me.country)"
            ));
        }
        if let Some(country) = &self.me.country
            && crate::import::chat::rules::country_code(country).is_none()
        {
            return Err(format!(
                "me.country = \"{country}\": not a country this build knows (expected a \
                 two-letter code such as \"NL\")"
            ));
        }
        if let Some(zone) = &c.timezone
            && UserZone::named(zone).is_none()
        {
            return Err(format!(
                "capture.timezone = \"{zone}\": not a time zone (expected a name such as \
                 \"Europe/Amsterdam\")"
            ));
        }
        if !(l.you_take_share >= 0.0
            && l.you_take_share < 0.5
            && l.they_take_share > 0.5
            && l.they_take_share <= 1.0)
        {
            return Err(format!(
                "ledger.you_take_share = {} and they_take_share = {}: expected 0 ≤ you < 0.5 < they ≤ 1",
                l.you_take_share, l.they_take_share
            ));
        }
        Ok(())
    }

    /// The layer bounds scaled to `dunbar`: cumulative ranks, innermost first.
    pub fn layer_bounds(&self) -> Vec<usize> {
        let nominal = self.model.layers.last().copied().unwrap_or(150).max(1);
        self.model
            .layers
            .iter()
            .map(|&size| {
                let scaled = (size * self.model.dunbar + nominal / 2) / nominal;
                scaled.max(1)
            })
            .collect()
    }
}

/// Lays `user` over `base`, table by table, so a user file can set one key of a section.
fn merge(base: &mut toml::Table, user: toml::Table, prefix: &str) {
    for (key, value) in user {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(base_table)), toml::Value::Table(user_table)) => {
                merge(base_table, user_table, &format!("{prefix}{key}."));
            }
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_parse_and_match_the_design() {
        let config = Config::default();
        assert_eq!(config.model.dunbar, 150);
        assert_eq!(config.layer_bounds(), vec![5, 15, 50, 150]);
        assert_eq!(config.model.kind_weights.weight(Kind::Meet), 3.0);
        assert_eq!(config.ledger.window_days, 548);
        // The weights the default file lists are each kind's own, so a kind the file does
        // not list (a new one) weighs what its table says.
        for kind in Kind::ALL {
            assert_eq!(
                config.model.kind_weights.weight(kind),
                kind.words().weight,
                "{kind}"
            );
        }
        let partial = Config::parse("[model.kind_weights]\ncall = 5.0\n", Path::new("c.toml"));
        let partial = partial.unwrap().model.kind_weights;
        assert_eq!(partial.weight(Kind::Call), 5.0);
        assert_eq!(partial.weight(Kind::Gift), Kind::Gift.words().weight);
    }

    #[test]
    fn a_user_file_overrides_one_key() {
        let config = Config::parse("[model]\ndunbar = 100\n", Path::new("c.toml")).unwrap();
        assert_eq!(config.model.dunbar, 100);
        assert_eq!(config.model.half_life_days, 90.0);
        assert_eq!(config.layer_bounds(), vec![3, 10, 33, 100]);
    }

    #[test]
    fn bad_values_name_the_key() {
        for (text, key) in [
            ("[model]\ndunbar = 0", "model.dunbar"),
            ("[model]\nhalf_life_days = -1.0", "model.half_life_days"),
            (
                "[model.kind_weights]\nmeet = -2.0",
                "model.kind_weights.meet",
            ),
            ("[ledger]\nthey_take_share = 0.4", "they_take_share"),
            ("[model]\ndunbarr = 3", "dunbarr"),
            ("[model.kind_weights]\nwalk = 2.0", "unknown kind 'walk'"),
            ("[model]\ndunbar = \"many\"", "dunbar"),
            ("[model]\ncadence_days = [7, 30]", "model.cadence_days"),
            ("[capture]\ntimezone = \"Mars/Olympus\"", "capture.timezone"),
            (
                "[model.kind_weights]\nmeet = 1e308",
                "model.kind_weights.meet",
            ),
            ("[model]\nhalf_life_days = 1e9", "model.half_life_days"),
            ("[model]\noverdue_factor = 0.5", "model.overdue_factor"),
            ("[model]\nlong_dormant_days = 0", "model.long_dormant_days"),
            ("[ledger]\nwindow_days = 100000", "ledger.window_days"),
            ("[capture]\nmax_attendees = 0", "capture.max_attendees"),
            ("[capture]\nmax_group = 0", "capture.max_group"),
            ("[me]\nemails = []\ncountry = \"Atlantis\"", "me.country"),
            ("[me]\nemails = []\nphones = [\"call me\"]", "me.phones"),
            (
                "[model]\ncadence_days = [7, 30, 182, 99999]",
                "model.cadence_days",
            ),
        ] {
            let err = Config::parse(text, Path::new("c.toml"))
                .unwrap_err()
                .to_string();
            assert!(err.contains(key), "{text} -> {err}");
            assert!(err.starts_with("config c.toml:"), "{err}");
            assert!(!err.contains('\n'), "{err}");
        }
    }
}
