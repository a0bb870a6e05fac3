// CarePlan Link — CarePlanForms

/// The forms' style: on screen, sheets on a grey desk that scroll sideways on a phone; on paper (print and PDF),
/// A4 in each form's orientation (CSS named pages), table headings repeated on every page, no toolbar.
enum FormStyle {
    static let css = """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #e8e8e8; color: #000;
          font-family: "Noto Sans CJK JP", "Noto Sans JP", "IPAexGothic", "Hiragino Sans", "Yu Gothic", "Meiryo", sans-serif;
          font-size: 12px; line-height: 1.35; }
        .toolbar { position: sticky; top: 0; z-index: 2; display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center;
          padding: .6rem 1rem; background: #1f4e79; color: #fff; font-size: 15px; }
        .toolbar a { color: #fff; }
        .toolbar button { font: inherit; padding: .35rem 1rem; border: 0; border-radius: 4px; background: #fff; color: #1f4e79; cursor: pointer; }
        .toolbar .note { font-size: 13px; opacity: .9; }
        .empty { margin: 2rem; font-size: 15px; }
        .form { background: #fff; margin: 1rem auto; padding: 10mm; box-shadow: 0 1px 4px rgba(0,0,0,.3); overflow-x: auto; }
        .form.portrait { width: 210mm; max-width: 100%; }
        .form.landscape { width: 297mm; max-width: 100%; }
        .form-head { display: grid; grid-template-columns: 1fr auto; align-items: end; gap: 0 1rem; border-bottom: 2px solid #000;
          margin-bottom: 3mm; padding-bottom: 1mm; }
        .form-head h1 { grid-column: 1 / -1; margin: 0; font-size: 17px; text-align: center; letter-spacing: .1em; }
        .form-head .subtitle { grid-column: 1 / -1; margin: 0; text-align: center; font-size: 13px; }
        .form-head .who { margin: 0; font-size: 13px; }
        .form-head .user-name { font-size: 15px; font-weight: bold; }
        .form-head .style-note { margin: 0; font-size: 10px; color: #333; text-align: right; }
        h2 { font-size: 12px; margin: 0; padding: 1px 4px; background: #eee; border: 1px solid #000; border-bottom: 0; }
        table { border-collapse: collapse; width: 100%; margin: 0 0 3mm; }
        th, td { border: 1px solid #000; padding: 1px 3px; vertical-align: top; text-align: left; word-break: break-word; }
        th { background: #f2f2f2; font-weight: normal; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; }
        .fields th { width: 11em; }
        .grid-2 { display: grid; grid-template-columns: 1fr 1fr; gap: 0 3mm; }
        .block { margin-bottom: 3mm; break-inside: avoid; }
        .block .text { border: 1px solid #000; min-height: 14mm; padding: 2px 4px; }
        .chosen { font-weight: bold; border: 1.5px solid #000; border-radius: 1em; padding: 0 .3em; }
        .option { color: #444; }
        .num, td.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .center { text-align: center; }
        .small { font-size: 10px; }
        .muted { color: #555; }
        /* 第3表: a column per weekday and one for 主な日常生活上の活動 */
        /* Wide grids keep their columns and scroll sideways inside the sheet on narrow screens. */
        .weekly { table-layout: fixed; min-width: 720px; }
        .days { min-width: 980px; }
        .annex.limit, .needs, .support { min-width: 900px; }
        .weekly td, .weekly th { height: 7mm; font-size: 11px; }
        .weekly .band { width: 2.4em; text-align: center; writing-mode: vertical-rl; }
        .weekly .hour { width: 3.6em; white-space: nowrap; }
        .weekly .activity { width: 16%; }
        .weekly td.busy { background: #f4f8fc; }
        .weekly .entry { display: block; border-left: 3px solid #1f4e79; padding-left: 2px; margin-bottom: 1px; }
        /* 第6表: 予定 and 実績 over the month's days */
        .days th, .days td { padding: 0; text-align: center; font-size: 10.5px; min-width: 1.55em; }
        .days th.label, .days td.label { text-align: left; padding: 1px 2px; font-size: 10.5px; min-width: 0; }
        .days .sat { color: #0645ad; } .days .sun { color: #b00020; }
        .days .none { background: repeating-linear-gradient(135deg, #fff 0 3px, #ddd 3px 4px); }
        .days tr.result td { background: #fffbe6; }
        .days td.differs { outline: 2px solid #b00020; outline-offset: -2px; font-weight: bold; }
        .days td.total { font-weight: bold; min-width: 2.4em; }
        .days td.kind { width: 2.2em; }
        .annex th, .annex td { font-size: 10px; padding: 1px 2px; }
        .annex td.code { white-space: nowrap; }
        .annex tr.subtotal td { background: #f2f2f2; }
        .annex tr.grand td { background: #e6e6e6; font-weight: bold; }
        .family img { max-width: 70mm; max-height: 60mm; }
        .sheet .sha { font-family: "Noto Sans Mono CJK JP", monospace; font-size: 9px; word-break: break-all; }
        @media (max-width: 600px) {
          .form { margin: .5rem 0; padding: 4mm; }
          .form-head { grid-template-columns: 1fr; }
          .form-head .style-note { text-align: left; }
          .grid-2 { grid-template-columns: 1fr; }
        }
        @page { size: A4 portrait; margin: 8mm; }
        @page portrait-sheet { size: A4 portrait; margin: 8mm; }
        @page landscape { size: A4 landscape; margin: 8mm; }
        @media print {
          body { background: #fff; font-size: 9pt; }
          .toolbar { display: none; }
          .form { margin: 0; padding: 0; box-shadow: none; width: auto; max-width: none; overflow: visible; break-after: page; }
          .weekly, .days, .annex.limit, .needs, .support { min-width: 0; }
          .form.portrait { page: portrait-sheet; }
          .form.landscape { page: landscape; }
          .user { break-before: page; }
          .user:first-of-type { break-before: auto; }
        }
        """
}
