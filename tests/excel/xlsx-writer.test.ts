// The workbook writer's threads: a workbook comes back readable; with every thread busy and the
// queue full the next is refused at once (503 SERVICE_UNAVAILABLE with retryAfterSeconds), not
// queued; a city-wide file has a sheet per district with Excel-safe, unique names.
import { createXlsxWriter, XlsxBusy } from "../../gateway/xlsx-writer";
import { errorAnswer } from "../../runtime/errors";
import { sheetName, writeWorkbook, type WorkbookSpec } from "../../runtime/xlsx/workbook";
import { openpyxlAvailable, readWithExceljs, readWithOpenpyxl, sheetValues } from "../helpers/xlsx";

const spec = (rows: number): WorkbookSpec => ({
  sheets: [
    {
      name: "南山区",
      title: "南山区 测试",
      columns: [
        { key: "n", header: "序号", format: "integer" },
        { key: "h", header: "时长", format: "hours" },
        { key: "r", header: "解决率", format: "rate" },
      ],
      rows: Array.from({ length: rows }, (_, i) => ({ n: i, h: i / 3, r: 0.25 })),
    },
  ],
});

describe("the workbook writer", () => {
  const writer = createXlsxWriter({ workers: 1, queue: 0 });
  afterAll(() => writer.close());

  it("writes in a thread what exceljs reads back, formats included", async () => {
    const book = await readWithExceljs(await writer.write(spec(3)));
    const sheet = book.worksheets[0];
    expect(sheetValues(sheet)[2]).toEqual([0, 0, 0.25]);
    expect(sheet.getCell(3, 2).numFmt).toBe("0.0");
    expect(sheet.getCell(3, 3).numFmt).toBe("0.0%");
  });

  it("refuses a workbook when the thread is busy and the queue is full", async () => {
    const first = writer.write(spec(5000));
    const second = writer.write(spec(1));
    await expect(second).rejects.toBeInstanceOf(XlsxBusy);
    const error = (await second.catch((e) => e)) as XlsxBusy;
    expect(error.code).toBe("SERVICE_UNAVAILABLE");
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(errorAnswer(error, "r").status).toBe(503);
    expect(errorAnswer(error, "r").headers["retry-after"]).toBe(String(error.retryAfterSeconds));
    expect((await first).length).toBeGreaterThan(1000);
    // Free again: the next one is written.
    await expect(writer.write(spec(1))).resolves.toBeInstanceOf(Buffer);
  });
});

describe("sheet names", () => {
  it("are Excel-safe and unique", () => {
    const taken = new Set<string>();
    expect(sheetName("a/b:c", taken)).toBe("a_b_c");
    expect(sheetName("A/B:C", taken)).toBe("A_B_C_2");
    expect(sheetName("x".repeat(40), taken)).toHaveLength(31);
  });

  it("one sheet per district, in order", async () => {
    const book = await readWithExceljs(
      await writeWorkbook({
        sheets: ["南山区", "福田区"].map((name) => ({ ...spec(1).sheets[0], name })),
      }),
    );
    expect(book.worksheets.map((s) => s.name)).toEqual(["南山区", "福田区"]);
  });
});

describe("text XML cannot hold", () => {
  // A name stored before the input check refused noncharacters (非字符\ufffe…) must not break the
  // workbook of a whole city: the writer replaces what XML 1.0 forbids with U+FFFD.
  const odd = "非字符\ufffe测试\u0001工作站\ud800\uffff\ufdd0\u{1fffe}";
  const book = (): WorkbookSpec => ({
    sheets: [
      {
        name: `南山区${odd}`,
        title: `标题${odd}`,
        columns: [
          { key: "name", header: `名称${odd}`, format: "text" },
          { key: "kind", header: "类别", format: "text", list: ["甲", `乙${odd}`] },
        ],
        rows: [{ name: odd, kind: "甲" }],
        validationRows: 1,
      },
    ],
  });

  it("writes a workbook openpyxl parses, the odd characters replaced by U+FFFD", async () => {
    if (!openpyxlAvailable()) return console.warn("openpyxl missing: skipped");
    const sheets = readWithOpenpyxl(await writeWorkbook(book()));
    const clean = "非字符\ufffd测试\ufffd工作站\ufffd\ufffd\ufffd\ufffd";
    expect(sheets[0].name).toBe(`南山区${clean}`.slice(0, 31));
    expect(sheets[0].rows[0][0].v).toBe(`标题${clean}`);
    expect(sheets[0].rows[1][0].v).toBe(`名称${clean}`);
    expect(sheets[0].rows[2][0].v).toBe(clean);
    expect(sheets[0].validations[0].formula).toContain(`乙${clean}`);
  });

  it("keeps ordinary text as it is", async () => {
    if (!openpyxlAvailable()) return console.warn("openpyxl missing: skipped");
    const text = "深圳 — “专精特新” 😀 \ufffd №1\t甲";
    const spec1 = book();
    spec1.sheets[0].rows = [{ name: text, kind: "甲" }];
    expect(readWithOpenpyxl(await writeWorkbook(spec1))[0].rows[2][0].v).toBe(text);
  });
});
