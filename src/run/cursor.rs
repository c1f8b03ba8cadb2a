//! A Parquet file read row by row, one record batch at a time: the previous run's tables as streams
//! for the incremental merge join. The position is always (current batch, offset in it), taken
//! together after the next batch has been loaded, so runs of rows crossing a batch boundary are read
//! whole.

use std::fs::File;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use arrow::array::{Array, AsArray};
use arrow::record_batch::RecordBatch;
use parquet::arrow::arrow_reader::{ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder};

/// Rows per batch read from the previous output.
const READ_BATCH_ROWS: usize = 4096;

pub(super) struct Cursor {
    path: PathBuf,
    reader: Option<ParquetRecordBatchReader>,
    batch: Option<RecordBatch>,
    offset: usize,
}

impl Cursor {
    pub(super) fn open(path: &Path) -> Result<Cursor> {
        Cursor::open_with(path, READ_BATCH_ROWS)
    }

    fn open_with(path: &Path, batch_rows: usize) -> Result<Cursor> {
        let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
        let reader = ParquetRecordBatchReaderBuilder::try_new(file)
            .with_context(|| format!("{} is not Parquet", path.display()))?
            .with_batch_size(batch_rows)
            .build()?;
        Ok(Cursor {
            path: path.to_path_buf(),
            reader: Some(reader),
            batch: None,
            offset: 0,
        })
    }

    /// A table the previous run did not write: no rows.
    pub(super) fn empty(path: &Path) -> Cursor {
        Cursor {
            path: path.to_path_buf(),
            reader: None,
            batch: None,
            offset: 0,
        }
    }

    /// The batch holding the current row and the row's offset in it, or None at the end.
    pub(super) fn current(&mut self) -> Result<Option<(&RecordBatch, usize)>> {
        while self.batch.as_ref().is_none_or(|b| self.offset >= b.num_rows()) {
            let next = match self.reader.as_mut() {
                Some(r) => r.next(),
                None => None,
            };
            match next {
                Some(b) => {
                    self.batch = Some(b.with_context(|| format!("cannot read {}", self.path.display()))?);
                    self.offset = 0;
                }
                None => {
                    self.reader = None;
                    self.batch = None;
                    return Ok(None);
                }
            }
        }
        Ok(self.batch.as_ref().map(|b| (b, self.offset)))
    }

    /// Passes over the current row.
    pub(super) fn advance(&mut self) {
        self.offset += 1;
    }

    /// A text column of the current row (None at the end or when null).
    pub(super) fn string(&mut self, column: &str) -> Result<Option<String>> {
        let Some((b, offset)) = self.current()? else {
            return Ok(None);
        };
        let c = b
            .column_by_name(column)
            .with_context(|| format!("column {column} missing"))?;
        let c = c
            .as_string_opt::<i32>()
            .with_context(|| format!("column {column} is not text"))?;
        Ok((!c.is_null(offset)).then(|| c.value(offset).to_string()))
    }

    /// Takes (or skips) the current row.
    pub(super) fn take_one(&mut self, keep: bool) -> Result<Vec<RecordBatch>> {
        let Some((b, offset)) = self.current()? else {
            return Ok(Vec::new());
        };
        let row = b.slice(offset, 1);
        self.advance();
        Ok(if keep { vec![row] } else { Vec::new() })
    }

    /// Takes (or skips) the rows from here on whose `report_id` is `id`, across batches.
    pub(super) fn take_while_id(&mut self, id: &str, keep: bool) -> Result<Vec<RecordBatch>> {
        let mut out = Vec::new();
        loop {
            let Some((b, offset)) = self.current()? else {
                return Ok(out);
            };
            let ids = b
                .column_by_name("report_id")
                .and_then(|c| c.as_string_opt::<i32>())
                .context("column report_id missing")?;
            let mut end = offset;
            while end < ids.len() && ids.value(end) == id {
                end += 1;
            }
            if end > offset && keep {
                out.push(b.slice(offset, end - offset));
            }
            let exhausted = end == ids.len();
            self.offset = end;
            if !exhausted {
                return Ok(out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow::array::StringArray;
    use arrow::datatypes::{DataType, Field, Schema};
    use std::sync::Arc;

    /// Runs of ids of lengths 1, 5, 2, 7, 3, 1, 4 (23 rows) in one Parquet file.
    fn runs_file(dir: &Path) -> (PathBuf, Vec<(String, usize)>) {
        let runs: Vec<(String, usize)> = [1, 5, 2, 7, 3, 1, 4]
            .iter()
            .enumerate()
            .map(|(i, n)| (format!("id{i}"), *n))
            .collect();
        let ids: Vec<String> = runs.iter().flat_map(|(id, n)| vec![id.clone(); *n]).collect();
        let rows: Vec<String> = (0..ids.len()).map(|i| format!("row{i}")).collect();
        let schema = Arc::new(Schema::new(vec![
            Field::new("report_id", DataType::Utf8, false),
            Field::new("row", DataType::Utf8, false),
        ]));
        let batch = RecordBatch::try_new(
            schema.clone(),
            vec![Arc::new(StringArray::from(ids)), Arc::new(StringArray::from(rows))],
        )
        .expect("batch");
        let path = dir.join("t.parquet");
        let mut w =
            parquet::arrow::ArrowWriter::try_new(File::create(&path).expect("create"), schema, None).expect("writer");
        w.write(&batch).expect("write");
        w.close().expect("close");
        (path, runs)
    }

    fn rows_of(batches: &[RecordBatch]) -> Vec<String> {
        batches
            .iter()
            .flat_map(|b| {
                let c = b.column(1).as_string::<i32>();
                (0..c.len()).map(|i| c.value(i).to_string()).collect::<Vec<_>>()
            })
            .collect()
    }

    /// Every batch size from 1 to past the file: runs crossing batch boundaries are taken whole,
    /// skipped runs are passed over, and nothing is lost (a run of 7 read 3 rows at a time once
    /// kept only the first batch's rows).
    #[test]
    fn runs_are_taken_whole_across_batches() {
        let dir = tempfile::tempdir().expect("tmp");
        let (path, runs) = runs_file(dir.path());
        for batch_rows in 1..=25 {
            let mut c = Cursor::open_with(&path, batch_rows).expect("open");
            let mut next = 0;
            for (i, (id, n)) in runs.iter().enumerate() {
                assert_eq!(c.string("report_id").expect("read").as_deref(), Some(id.as_str()));
                let keep = i != 3;
                let got = rows_of(&c.take_while_id(id, keep).expect("take"));
                let want: Vec<String> = (next..next + n).map(|r| format!("row{r}")).collect();
                assert_eq!(got, if keep { want } else { Vec::new() }, "batch {batch_rows}, {id}");
                next += n;
            }
            assert_eq!(c.string("report_id").expect("read"), None);
        }
    }

    #[test]
    fn rows_are_taken_one_by_one_across_batches() {
        let dir = tempfile::tempdir().expect("tmp");
        let (path, _) = runs_file(dir.path());
        let mut c = Cursor::open_with(&path, 4).expect("open");
        let mut got = Vec::new();
        for i in 0..23 {
            got.extend(rows_of(&c.take_one(i % 2 == 0).expect("take")));
        }
        let want: Vec<String> = (0..23).step_by(2).map(|r| format!("row{r}")).collect();
        assert_eq!(got, want);
        assert!(c.take_one(true).expect("end").is_empty());
    }
}
