//! Finding the root, walking `records/`, loading files with positions, and (later) writing atomically.

pub mod load;
pub mod root;
pub mod walk;
pub mod write;
pub mod yaml;

pub use load::{Document, LoadError, load_file};
pub use root::Root;
pub use walk::{RecordFile, Skipped, walk};
