//! `ccag templates DIR`: the built-in HTML templates copied into a folder, so a group can start
//! its own layout from them (`--template DIR` on `report`, `agenda` and `site`).

use std::path::PathBuf;

use anyhow::{Context as _, Result};

use super::{Context, Needs, Run, output};
use crate::Outcome;
use crate::cli::TemplatesArgs;

pub struct Templates {
    dir: PathBuf,
}

impl Templates {
    pub fn new(args: TemplatesArgs) -> Templates {
        Templates { dir: args.dir }
    }
}

impl Run for Templates {
    const NEEDS: Needs = Needs::Nothing;

    fn run(self, cx: &Context) -> Result<Outcome> {
        let dir = cx.cwd.join(&self.dir);
        let shown = cx.show_path(&dir);
        std::fs::create_dir_all(&dir).with_context(|| format!("cannot create `{shown}`"))?;
        let (mut wrote, mut kept) = (Vec::new(), Vec::new());
        for (name, text) in crate::html::built_in_templates() {
            let path = dir.join(name);
            // A file already there may be the group's own edit: never replace it.
            match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(mut file) => {
                    use std::io::Write as _;
                    file.write_all(text.as_bytes())
                        .and_then(|()| file.sync_all())
                        .with_context(|| format!("cannot write `{}`", cx.show_path(&path)))?;
                    wrote.push(name);
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => kept.push(name),
                Err(e) => return Err(e).with_context(|| format!("cannot write `{}`", cx.show_path(&path))),
            }
        }
        let mut text = String::new();
        if !wrote.is_empty() {
            text.push_str(&format!("wrote {} into `{shown}`\n", wrote.join(", ")));
        }
        if !kept.is_empty() {
            text.push_str(&format!("kept {} (already there; not replaced)\n", kept.join(", ")));
        }
        let mut dir_arg = self.dir.display().to_string();
        if dir_arg.contains(char::is_whitespace) {
            dir_arg = format!("\"{dir_arg}\"");
        }
        text.push_str(&format!(
            "edit them (delete the ones you keep as built in), then: ccag report -o pack.html --template {dir_arg}\n"
        ));
        output::emit(&text)?;
        Ok(Outcome::Success)
    }
}
