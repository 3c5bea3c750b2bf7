#pragma once
// Strings from files (a model's name, labels, provenance, paths) are text, never markup: a downloaded config.json
// naming its model "<img src=/some/fifo>" must not load a local file or hang the window. Labels and message
// boxes are set to Qt::PlainText; tool tips, which Qt renders as rich text whenever a string looks like markup,
// go through plainToolTip.
#include <QString>

namespace vitlens::ui {

// A tool tip that shows `text` literally (line breaks kept), whatever it contains.
inline QString plainToolTip(const QString& text) {
  if (text.isEmpty()) return text;
  return QStringLiteral("<p style='white-space:pre-wrap'>%1</p>").arg(text.toHtmlEscaped());
}

}  // namespace vitlens::ui
