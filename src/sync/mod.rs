//! Sync across devices through a folder the user already syncs (DESIGN, "Sync across
//! devices"): the files each device writes there. The store makes and applies the
//! operations; this layer only writes and reads them, as `export` and `import` do formats.

pub mod acks;
pub mod folder;
pub mod segment;
#[cfg(test)]
mod segment_tests;
