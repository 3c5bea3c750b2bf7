#pragma once
// Strings from files (a model's name, labels, provenance, paths) are text, never markup: a downloaded config.json
// naming its model "<img src=/some/fifo>" must not load a local file or hang the window. Labels and message
// boxes are set to Qt::PlainText; tool tips, which Qt renders as rich text whenever a string looks like markup,
// go through plainToolTip.
#include <QString>
#include <QStringList>

namespace vitlens::ui {

// A tool tip that shows `text` literally (line breaks kept), whatever it contains.
inline QString plainToolTip(const QString& text) {
  if (text.isEmpty()) return text;
  return QStringLiteral("<p style='white-space:pre-wrap'>%1</p>").arg(text.toHtmlEscaped());
}

// text in lines of at most maxChars characters, broken at spaces (a longer word gets a line of its own): for
// places that cannot wrap by themselves, such as menu items.
inline QStringList wrapWords(const QString& text, int maxChars) {
  QStringList lines;
  QString line;
  for (const QString& word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
    if (!line.isEmpty() && line.size() + 1 + word.size() > maxChars) {
      lines << line;
      line.clear();
    }
    if (!line.isEmpty()) line += QLatin1Char(' ');
    line += word;
  }
  if (!line.isEmpty() || lines.isEmpty()) lines << line;
  return lines;
}

}  // namespace vitlens::ui
