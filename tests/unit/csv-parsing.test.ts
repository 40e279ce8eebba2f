// The import CLI's CSV reading (csv-parse underneath): the line each record starts on, as the
// rejected-rows file reports it, with a BOM, quoted fields, CRLF, lone CR and blank lines.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseCsv, readRows, toCsvLine } from "../../tools/import-rows";

const fields = (text: string) => parseCsv(text).map((r) => r.fields);

describe("parseCsv", () => {
  it("numbers records by the line they start on, skipping blank lines", () => {
    const text = "id,name\n1,a\n\n2,b\n\n\n3,c\n";
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ["id", "name"] },
      { line: 2, fields: ["1", "a"] },
      { line: 4, fields: ["2", "b"] },
      { line: 7, fields: ["3", "c"] },
    ]);
  });

  it("drops a UTF-8 byte order mark", () => {
    expect(fields("\uFEFFexternalId,name\nA,b")).toEqual([
      ["externalId", "name"],
      ["A", "b"],
    ]);
    expect(fields('\uFEFF"externalId",name\n')).toEqual([["externalId", "name"]]);
  });

  it("keeps commas, doubled quotes and line breaks inside quotes, counting those lines", () => {
    const text = 'id,title\n1,"a, b"\n2,"say ""hi"""\n3,"多行\n标题"\n4,"x\r\ny\r\nz"\n5,e\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ["id", "title"] },
      { line: 2, fields: ["1", "a, b"] },
      { line: 3, fields: ["2", 'say "hi"'] },
      { line: 4, fields: ["3", "多行\n标题"] },
      { line: 6, fields: ["4", "x\r\ny\r\nz"] },
      { line: 9, fields: ["5", "e"] },
    ]);
  });

  it("reads CRLF, lone CR and mixed line ends alike, without stray CRs", () => {
    const lf = "id,name\n1,a\n\n2,b\n";
    expect(parseCsv(lf.replace(/\n/g, "\r\n"))).toEqual(parseCsv(lf));
    expect(parseCsv(lf.replace(/\n/g, "\r"))).toEqual(parseCsv(lf));
    expect(parseCsv("id,name\r\n1,a\n\r2,b\r\n")).toEqual(parseCsv(lf));
  });

  it("skips records of empty fields, keeps short and long ones and spaces", () => {
    expect(parseCsv("a,b,c\n,,\n1\n1,2,3,4\n  \n")).toEqual([
      { line: 1, fields: ["a", "b", "c"] },
      { line: 3, fields: ["1"] },
      { line: 4, fields: ["1", "2", "3", "4"] },
      { line: 5, fields: ["  "] },
    ]);
  });

  it("takes a stray quote inside a field as text", () => {
    expect(fields('a,b\n5" screen,2\n')).toEqual([
      ["a", "b"],
      ['5" screen', "2"],
    ]);
  });

  it("refuses a quote left open instead of swallowing the rest of the file", () => {
    expect(() => parseCsv('a,b\n"open,2\n3,4\n')).toThrow(/Quote Not Closed/);
  });

  it("reads back what toCsvLine writes", () => {
    const record = ["7", 'he said "no", twice', "多行\n标题", "", "a\r\nb"];
    expect(fields(toCsvLine(record) + "\n")).toEqual([record]);
    expect(toCsvLine([null, undefined, 3])).toBe(",,3");
  });

  it("is empty for an empty or blank text", () => {
    expect(parseCsv("")).toEqual([]);
    expect(parseCsv("\n\r\n")).toEqual([]);
  });
});

describe("readRows on a CSV file", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-csv-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };

  it("maps the header's columns and reports each row's starting line", () => {
    const file = write(
      "activities.csv",
      "\uFEFFexternalId,type,category,title,heldOn,enterprisesServed,participants\r\n" +
        'A-1,SALON,POLICY,"沙龙\r\n第二行",2026-01-05,3,12:2|13:1.5\r\n' +
        "\r\n" +
        "A-2,SALON,POLICY,沙龙,2026/01/05,3,\r\n",
    );
    const rows = readRows(file, "activities");
    expect(rows.map((r) => [r.line, r.problem])).toEqual([
      [2, null],
      [5, "heldOn 2026/01/05 is not a date; write it as YYYY-MM-DD, e.g. 2025-03-31"],
    ]);
    expect(rows[0].row).toMatchObject({
      externalId: "A-1",
      title: "沙龙\r\n第二行",
      participants: [
        { volunteerId: "12", hours: 2 },
        { volunteerId: "13", hours: 1.5 },
      ],
    });
    expect(rows[0].record.externalId).toBe("A-1");
  });

  it("names the file when it is not readable CSV, and when it is empty", () => {
    const broken = write("broken-stations.csv", 'externalId,name\n"S-1,工作站\n');
    expect(() => readRows(broken, "stations")).toThrow(`${broken} is not readable CSV`);
    const empty = write("empty-stations.csv", "");
    expect(() => readRows(empty, "stations")).toThrow(`${empty} is empty`);
  });
});
