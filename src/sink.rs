//! Stage 6 — write: record batches streamed into Parquet files (zstd, `ogi.schema_version` metadata),
//! each written under a temporary name in the output directory and renamed into place only when the
//! whole run has succeeded, so a failed run never leaves a half-written table behind.

use std::fs::File;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use arrow::datatypes::SchemaRef;
use arrow::record_batch::RecordBatch;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;

use crate::schema::{SCHEMA_VERSION, SCHEMA_VERSION_KEY};

/// Rows per row group at most: small enough that many open writers (one per table and year with
/// `--by-year`) stay within memory, large enough for fast scans.
const MAX_ROW_GROUP_ROWS: usize = 64 * 1024;
/// A row group is closed early once the writer's buffers (encoded pages and the values not yet
/// encoded) pass this many bytes.
const MAX_ROW_GROUP_BYTES: usize = 8 << 20;

/// One Parquet file being written.
pub struct TableWriter {
    tmp: PathBuf,
    dest: PathBuf,
    writer: Option<ArrowWriter<File>>,
}

fn properties() -> Result<WriterProperties> {
    Ok(WriterProperties::builder()
        .set_compression(Compression::ZSTD(ZstdLevel::try_new(3)?))
        .set_key_value_metadata(Some(vec![KeyValue::new(
            SCHEMA_VERSION_KEY.to_string(),
            SCHEMA_VERSION.to_string(),
        )]))
        .set_max_row_group_row_count(Some(MAX_ROW_GROUP_ROWS))
        .build())
}

impl TableWriter {
    /// Starts `<dir>/<name>.parquet` (written as `<dir>/.<name>.parquet.<pid>.tmp` until [`finish`]).
    pub fn create(dir: &Path, name: &str, schema: SchemaRef) -> Result<TableWriter> {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create directory {}", dir.display()))?;
        let dest = dir.join(format!("{name}.parquet"));
        let tmp = dir.join(format!(".{name}.parquet.{}.tmp", std::process::id()));
        let file = File::create(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
        let writer = ArrowWriter::try_new(file, schema, Some(properties()?))
            .with_context(|| format!("cannot start Parquet file {}", tmp.display()))?;
        Ok(TableWriter {
            tmp,
            dest,
            writer: Some(writer),
        })
    }

    pub fn write(&mut self, batch: &RecordBatch) -> Result<()> {
        if batch.num_rows() == 0 {
            return Ok(());
        }
        let w = self.writer.as_mut().context("table already finished")?;
        w.write(batch)
            .with_context(|| format!("cannot write {}", self.tmp.display()))?;
        if w.memory_size() > MAX_ROW_GROUP_BYTES {
            self.flush()?;
        }
        Ok(())
    }

    /// Memory held by the row group being built.
    pub fn buffered_bytes(&self) -> usize {
        self.writer.as_ref().map_or(0, ArrowWriter::memory_size)
    }

    /// Writes out the row group being built.
    pub fn flush(&mut self) -> Result<()> {
        let w = self.writer.as_mut().context("table already finished")?;
        w.flush()
            .with_context(|| format!("cannot write {}", self.tmp.display()))
    }

    /// Closes the file and renames it into place.
    pub fn finish(self) -> Result<PathBuf> {
        self.close()?.commit()
    }

    /// Closes and syncs the temporary file without renaming it: a run closes every table first and
    /// renames them only when all are complete.
    pub fn close(mut self) -> Result<ClosedTable> {
        let w = self.writer.take().context("table already finished")?;
        // From here on the temporary file is this function's: it becomes a ClosedTable (which
        // removes it unless committed) before anything can fail.
        let closed = ClosedTable {
            tmp: std::mem::take(&mut self.tmp),
            dest: std::mem::take(&mut self.dest),
            committed: false,
        };
        let file = w
            .into_inner()
            .with_context(|| format!("cannot finish {}", closed.tmp.display()))?;
        file.sync_all()
            .with_context(|| format!("cannot sync {}", closed.tmp.display()))?;
        Ok(closed)
    }
}

/// A complete table under its temporary name; removed again if dropped before [`commit`].
pub struct ClosedTable {
    tmp: PathBuf,
    dest: PathBuf,
    committed: bool,
}

impl ClosedTable {
    pub fn dest(&self) -> &Path {
        &self.dest
    }

    /// Renames the table into place.
    pub fn commit(mut self) -> Result<PathBuf> {
        std::fs::rename(&self.tmp, &self.dest)
            .with_context(|| format!("cannot rename {} to {}", self.tmp.display(), self.dest.display()))?;
        self.committed = true;
        Ok(self.dest.clone())
    }
}

impl Drop for ClosedTable {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

impl Drop for TableWriter {
    /// A writer dropped before [`finish`] (an error elsewhere) removes its temporary file.
    fn drop(&mut self) {
        if self.writer.take().is_some() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Writes one batch as a whole table.
pub fn write_table(dir: &Path, name: &str, batch: &RecordBatch) -> Result<PathBuf> {
    let mut w = TableWriter::create(dir, name, batch.schema())?;
    w.write(batch)?;
    w.finish()
}
