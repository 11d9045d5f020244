//! The audit trail: a record's history field by field, what changed between two points, and
//! the records as they stood at any revision — all read from git as data.

pub mod all;
pub mod diff;
pub mod log;
pub mod snapshot;

pub use diff::{FieldChange, diff};
pub use log::{Version, record_log};
pub use snapshot::{
    Snapshot, records_prefix, snapshot_at, snapshot_at_only, snapshot_worktree, snapshot_worktree_only,
};
