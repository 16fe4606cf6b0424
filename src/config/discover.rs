//! Which `briefing.toml` to use: `--config`, then `$BRIEFING_CONFIG`, then
//! `./briefing.toml`, then `$XDG_CONFIG_HOME/briefing/briefing.toml`.

use std::path::{Path, PathBuf};

/// Where the configuration path came from, for the error when it is missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigSource {
    Flag(PathBuf),
    Env(PathBuf),
    WorkingDir(PathBuf),
    Xdg(PathBuf),
}

impl ConfigSource {
    pub fn path(&self) -> &Path {
        match self {
            ConfigSource::Flag(p)
            | ConfigSource::Env(p)
            | ConfigSource::WorkingDir(p)
            | ConfigSource::Xdg(p) => p,
        }
    }
}

/// Finds the configuration. An explicit `--config` or `$BRIEFING_CONFIG` is
/// returned even when the file is missing, so the error names what the user
/// asked for; the implicit places are used only when they exist.
pub fn discover(
    flag: Option<&Path>,
    env: Option<&std::ffi::OsStr>,
    cwd: &Path,
    xdg_config_home: Option<&std::ffi::OsStr>,
    home: Option<&std::ffi::OsStr>,
) -> Result<ConfigSource, String> {
    if let Some(path) = flag {
        return Ok(ConfigSource::Flag(path.to_path_buf()));
    }
    if let Some(path) = env.filter(|p| !p.is_empty()) {
        return Ok(ConfigSource::Env(PathBuf::from(path)));
    }
    let local = cwd.join("briefing.toml");
    if local.is_file() {
        return Ok(ConfigSource::WorkingDir(local));
    }
    let xdg = xdg_config_home
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            home.filter(|h| !h.is_empty())
                .map(|h| Path::new(h).join(".config"))
        });
    if let Some(dir) = xdg {
        let candidate = dir.join("briefing").join("briefing.toml");
        if candidate.is_file() {
            return Ok(ConfigSource::Xdg(candidate));
        }
    }
    Err(
        "no briefing.toml found: pass --config FILE, set BRIEFING_CONFIG, \
         or run `briefing init` to draft one"
            .to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn order_of_precedence() {
        let dir = tempfile::tempdir().unwrap();
        let cwd = dir.path().join("cwd");
        let xdg = dir.path().join("xdg");
        std::fs::create_dir_all(&cwd).unwrap();
        std::fs::create_dir_all(xdg.join("briefing")).unwrap();
        std::fs::write(xdg.join("briefing/briefing.toml"), "").unwrap();
        let xdg_os = Some(xdg.as_os_str());

        let found = discover(None, None, &cwd, xdg_os, None).unwrap();
        assert_eq!(found, ConfigSource::Xdg(xdg.join("briefing/briefing.toml")));

        std::fs::write(cwd.join("briefing.toml"), "").unwrap();
        let found = discover(None, None, &cwd, xdg_os, None).unwrap();
        assert_eq!(found, ConfigSource::WorkingDir(cwd.join("briefing.toml")));

        let found = discover(None, Some(OsStr::new("/x/env.toml")), &cwd, xdg_os, None).unwrap();
        assert_eq!(found, ConfigSource::Env(PathBuf::from("/x/env.toml")));

        let found = discover(
            Some(Path::new("flag.toml")),
            Some(OsStr::new("/x/env.toml")),
            &cwd,
            xdg_os,
            None,
        );
        assert_eq!(
            found.unwrap(),
            ConfigSource::Flag(PathBuf::from("flag.toml"))
        );
    }

    #[test]
    fn nothing_found_says_how_to_fix_it() {
        let dir = tempfile::tempdir().unwrap();
        let err = discover(None, None, dir.path(), None, None).unwrap_err();
        assert!(err.contains("--config"));
    }
}
