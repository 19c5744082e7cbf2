import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "SRT Studio", template: "%s · SRT Studio" },
  description: "Build Sycophantic Reflective Tuning data for multimodal models",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
