import { describe, expect, it } from "vitest";
import { formatCell, toCsv } from "./tables";

describe("dashboard tables", () => {
  it("writes RFC 4180 CSV with labels as the header, empty cells for null and formula-safe text", () => {
    const csv = toCsv({
      id: "t",
      title: "T",
      columns: [{ key: "name", label: "Name" }, { key: "rate", label: "Rate, %" }],
      rows: [{ name: 'Ann "A"', rate: 0.5 }, { name: "=cmd()", rate: null }],
    });
    expect(csv).toBe('Name,"Rate, %"\r\n"Ann ""A""",0.5\r\n\'=cmd(),\r\n');
  });

  it("formats shares, coefficients and means for people", () => {
    expect(formatCell(0.8333, "percent")).toBe("83.3 %");
    expect(formatCell(0.20888, "coefficient")).toBe("0.209");
    expect(formatCell(3.456, "mean")).toBe("3.46");
    expect(formatCell(null, "mean")).toBe("—");
  });
});
