//! Stage 5 — to Arrow: a chunk of [`Report`]s → one record batch per table of the dataset contract.

use arrow::array::{
    ArrayRef, BooleanBuilder, Date32Builder, Float64Builder, Int16Builder, Int32Builder, Int64Builder, StringBuilder,
};
use arrow::error::ArrowError;
use arrow::record_batch::RecordBatch;

use crate::model::Report;
use crate::schema;
use crate::template::{OUTCOMES, PROCEEDINGS, REQUESTERS};

/// The batches of one chunk of reports, one per table.
pub struct Batches {
    pub reports: RecordBatch,
    pub applications: RecordBatch,
    pub reviews: RecordBatch,
    pub proactive: RecordBatch,
    pub checks: RecordBatch,
    pub figures: RecordBatch,
}

fn arc<T: arrow::array::ArrayBuilder>(mut b: T) -> ArrayRef {
    b.finish()
}

pub fn batches(reports: &[Report]) -> Result<Batches, ArrowError> {
    Ok(Batches {
        reports: reports_batch(reports)?,
        applications: applications_batch(reports)?,
        reviews: reviews_batch(reports)?,
        proactive: proactive_batch(reports)?,
        figures: figures_batch(reports)?,
        checks: checks_batch(reports)?,
    })
}

fn reports_batch(reports: &[Report]) -> Result<RecordBatch, ArrowError> {
    let metas: Vec<&crate::model::ReportMeta> = reports.iter().map(|r| &r.meta).collect();
    let text = |f: &dyn Fn(&crate::model::ReportMeta) -> Option<&str>| -> ArrayRef {
        let mut b = StringBuilder::new();
        metas.iter().for_each(|m| b.append_option(f(m)));
        arc(b)
    };
    let mut bytes = Int64Builder::new();
    let mut year = Int16Builder::new();
    let mut date = Date32Builder::new();
    let mut viol = Int32Builder::new();
    for m in &metas {
        bytes.append_value(m.source_bytes);
        year.append_option(m.report_year);
        date.append_option(m.published_date);
        viol.append_value(m.identity_violations);
    }
    let cols: Vec<ArrayRef> = vec![
        text(&|m| Some(&m.report_id)),
        text(&|m| Some(&m.source_path)),
        arc(bytes),
        text(&|m| m.encoding.as_deref()),
        text(&|m| Some(&m.layout)),
        text(&|m| Some(&m.template)),
        arc(year),
        arc(date),
        text(&|m| m.agency.as_deref()),
        text(&|m| Some(&m.admin_level)),
        text(&|m| m.agency_kind.as_deref()),
        text(&|m| m.province.as_deref()),
        text(&|m| m.prefecture.as_deref()),
        text(&|m| m.county.as_deref()),
        text(&|m| m.division_code.as_deref()),
        text(&|m| Some(m.parse_status.as_str())),
        text(&|m| m.error.as_deref()),
        arc(viol),
        text(&|m| m.title.as_deref()),
        text(&|m| m.division_candidates.as_deref()),
        text(&|m| m.warnings.as_deref()),
        text(&|m| m.scope.as_deref()),
        text(&|m| m.agency_id.as_deref()),
        text(&|m| m.duplicate_of.as_deref()),
    ];
    RecordBatch::try_new(schema::reports(), cols)
}

/// Builders of the two long tables keyed by report, row and column (applications, reviews).
struct Long {
    id: StringBuilder,
    year: Int16Builder,
    a: StringBuilder,
    b: StringBuilder,
    value: Int64Builder,
    blank: BooleanBuilder,
}

impl Long {
    fn new() -> Long {
        Long {
            id: StringBuilder::new(),
            year: Int16Builder::new(),
            a: StringBuilder::new(),
            b: StringBuilder::new(),
            value: Int64Builder::new(),
            blank: BooleanBuilder::new(),
        }
    }

    fn push(&mut self, r: &Report, a: &str, b: &str, cell: &crate::model::Cell) {
        // Pre-2019 figures fill only the totals; the other cells do not exist in those reports.
        if r.meta.template == "pre2019" && cell.value.is_none() && !cell.blank {
            return;
        }
        self.id.append_value(&r.meta.report_id);
        self.year.append_option(r.meta.report_year);
        self.a.append_value(a);
        self.b.append_value(b);
        self.value.append_option(cell.value);
        self.blank.append_value(cell.blank);
    }

    fn finish(self, schema: arrow::datatypes::SchemaRef) -> Result<RecordBatch, ArrowError> {
        let cols = vec![
            arc(self.id),
            arc(self.year),
            arc(self.a),
            arc(self.b),
            arc(self.value),
            arc(self.blank),
        ];
        RecordBatch::try_new(schema, cols)
    }
}

fn applications_batch(reports: &[Report]) -> Result<RecordBatch, ArrowError> {
    let mut t = Long::new();
    for r in reports {
        for row in &r.applications {
            for ((requester, _), cell) in REQUESTERS.iter().zip(&row.cells) {
                t.push(r, row.key, requester, cell);
            }
        }
    }
    t.finish(schema::applications())
}

fn reviews_batch(reports: &[Report]) -> Result<RecordBatch, ArrowError> {
    let mut t = Long::new();
    for r in reports {
        let Some(cells) = &r.reviews else { continue };
        for ((proceeding, _), row) in PROCEEDINGS.iter().zip(cells) {
            for ((outcome, _), cell) in OUTCOMES.iter().zip(row) {
                t.push(r, proceeding, outcome, cell);
            }
        }
    }
    t.finish(schema::reviews())
}

fn proactive_batch(reports: &[Report]) -> Result<RecordBatch, ArrowError> {
    let (mut id, mut year, mut item, mut measure, mut value, mut raw) = (
        StringBuilder::new(),
        Int16Builder::new(),
        StringBuilder::new(),
        StringBuilder::new(),
        Float64Builder::new(),
        StringBuilder::new(),
    );
    for r in reports {
        for c in &r.proactive {
            id.append_value(&r.meta.report_id);
            year.append_option(r.meta.report_year);
            item.append_value(c.item);
            measure.append_value(c.measure);
            value.append_option(c.value);
            raw.append_option(c.raw.as_deref());
        }
    }
    let cols = vec![arc(id), arc(year), arc(item), arc(measure), arc(value), arc(raw)];
    RecordBatch::try_new(schema::proactive(), cols)
}

fn figures_batch(reports: &[Report]) -> Result<RecordBatch, ArrowError> {
    let (mut id, mut year, mut figure, mut period, mut value, mut source, mut text) = (
        StringBuilder::new(),
        Int16Builder::new(),
        StringBuilder::new(),
        StringBuilder::new(),
        Float64Builder::new(),
        StringBuilder::new(),
        StringBuilder::new(),
    );
    for r in reports {
        for f in &r.figures {
            id.append_value(&r.meta.report_id);
            year.append_option(r.meta.report_year);
            figure.append_value(f.figure);
            period.append_value(f.period);
            value.append_option(f.value);
            source.append_value(f.source);
            text.append_value(&f.text);
        }
    }
    let cols = vec![
        arc(id),
        arc(year),
        arc(figure),
        arc(period),
        arc(value),
        arc(source),
        arc(text),
    ];
    RecordBatch::try_new(schema::figures(), cols)
}

fn checks_batch(reports: &[Report]) -> Result<RecordBatch, ArrowError> {
    let (mut id, mut identity, mut subject, mut expected, mut found, mut ok) = (
        StringBuilder::new(),
        StringBuilder::new(),
        StringBuilder::new(),
        Int64Builder::new(),
        Int64Builder::new(),
        BooleanBuilder::new(),
    );
    for r in reports {
        for c in &r.checks {
            id.append_value(&r.meta.report_id);
            identity.append_value(c.identity);
            subject.append_value(&c.subject);
            expected.append_value(c.expected);
            found.append_value(c.found);
            ok.append_value(c.ok);
        }
    }
    let cols = vec![arc(id), arc(identity), arc(subject), arc(expected), arc(found), arc(ok)];
    RecordBatch::try_new(schema::checks(), cols)
}

/// The codebook as one batch, generated from [`crate::template`].
pub fn codebook_batch() -> Result<RecordBatch, ArrowError> {
    let (mut table, mut column, mut key, mut label, mut templates, mut pos) = (
        StringBuilder::new(),
        StringBuilder::new(),
        StringBuilder::new(),
        StringBuilder::new(),
        StringBuilder::new(),
        Int32Builder::new(),
    );
    for entry in crate::codebook::entries() {
        table.append_value(entry.table);
        column.append_value(entry.column);
        key.append_value(entry.key);
        label.append_value(&entry.label_zh);
        templates.append_value(entry.templates);
        pos.append_value(entry.position);
    }
    let cols = vec![arc(table), arc(column), arc(key), arc(label), arc(templates), arc(pos)];
    RecordBatch::try_new(schema::codebook(), cols)
}
