//! `ogi` — China's 政府信息公开工作年度报告 (government information disclosure annual reports) into
//! validated columnar datasets.
//!
//! The extraction pipeline, one module per stage, one data type at each boundary:
//!
//! | stage | module | in → out |
//! |---|---|---|
//! | read & decode | [`decode`] | bytes → [`decode::Decoded`] text |
//! | segment | [`segment`] | text → [`document::Document`] (lines, cell rows, cell grids) |
//! | recognise | [`recognise`] | document → [`recognise::Recognised`] (template, metadata, tables) |
//! | validate | [`validate`] | tables → [`model::Check`]s |
//! | to Arrow | [`to_arrow`] | [`model::Report`]s → record batches |
//! | write | [`sink`] | batches → Parquet files |
//!
//! [`extract`] chains the per-file stages; [`run`] drives a whole corpus in parallel; then the corpus-wide
//! stages read the Parquet back: [`across`] (checks between reports), `panel` and `trends` (Polars). [`inspect`] shows
//! one file's way through the stages (`ogi inspect`). The template
//! tables (row keys, labels, variants) live in [`template`], the pre-2019 figures and their mapping onto
//! the contract in [`crosswalk`]; both are read by the recognisers and the [`codebook`].

pub mod across;
pub mod bench;
pub mod codebook;
pub mod crosswalk;
pub mod decode;
pub mod document;
pub mod docx;
pub mod eval;
pub mod extract;
pub mod gen;
pub mod inspect;
pub mod model;
pub mod normalize;
#[cfg(feature = "trends")]
pub mod panel;
pub mod pdf;
pub mod recognise;
pub mod resolve;
pub mod run;
pub mod schema;
pub mod segment;
pub mod sink;
pub mod template;
pub mod to_arrow;
#[cfg(feature = "trends")]
pub mod trends;
pub mod validate;
pub mod value;
