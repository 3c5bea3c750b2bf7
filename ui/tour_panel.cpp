#include "ui/tour_panel.h"

#include <QCoreApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace vitlens::ui {

// A vector as a row of coloured cells (blue negative, red positive, white zero), as lecture slides draw an
// embedding: its length and its pattern at a glance, the numbers themselves in the text and the tooltip.
class NumberStrip : public QWidget {
 public:
  explicit NumberStrip(QWidget* parent = nullptr) : QWidget(parent) { setMinimumHeight(28); }
  void setValues(const std::vector<float>& values) {
    values_ = values;
    QStringList first;
    for (size_t i = 0; i < std::min<size_t>(values.size(), 16); ++i) first << QString::number(values[i], 'f', 3);
    setToolTip(values.empty() ? QString()
                              : QCoreApplication::translate("TourPanel", "%1 numbers; the first: %2 …")
                                    .arg(values.size())
                                    .arg(first.join(QStringLiteral(", "))));
    setVisible(!values.empty());
    update();
  }
  int length() const { return static_cast<int>(values_.size()); }

 protected:
  void paintEvent(QPaintEvent*) override {
    if (values_.empty()) return;
    QPainter painter(this);
    float largest = 1e-6f;
    for (float v : values_) largest = std::max(largest, std::abs(v));
    const double width = static_cast<double>(this->width()) / values_.size();
    for (size_t i = 0; i < values_.size(); ++i) {
      const double t = std::clamp(values_[i] / largest, -1.0f, 1.0f);
      const int fade = static_cast<int>(255 * (1.0 - std::abs(t)));
      const QColor colour = t >= 0 ? QColor(255, fade, fade) : QColor(fade, fade, 255);
      painter.fillRect(QRectF(i * width, 0, width + 0.5, height()), colour);
    }
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawRect(rect().adjusted(0, 0, -1, -1));
  }

 private:
  std::vector<float> values_;
};

TourPanel::TourPanel(QWidget* parent) : QWidget(parent) {
  progress_ = new QLabel;
  progress_->setObjectName(QStringLiteral("tourProgress"));
  title_ = new QLabel;
  title_->setObjectName(QStringLiteral("tourTitle"));
  title_->setWordWrap(true);

  text_ = new QLabel;
  text_->setObjectName(QStringLiteral("tourText"));
  text_->setWordWrap(true);
  text_->setTextFormat(Qt::PlainText);  // model names and labels come from files
  text_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  hint_ = new QLabel;
  hint_->setWordWrap(true);
  hint_->setTextFormat(Qt::PlainText);

  note_ = new QLabel;
  note_->setWordWrap(true);
  note_->setTextFormat(Qt::PlainText);
  note_->setStyleSheet(QStringLiteral("color: #b45309"));
  note_->hide();
  strip_ = new NumberStrip;
  strip_->hide();
  table_ = new QTableWidget(0, 3);
  table_->setObjectName(QStringLiteral("tourKeys"));
  table_->setHorizontalHeaderLabels({tr("key"), tr("q·k/√d"), tr("weight")});
  table_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  table_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
  table_->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
  table_->verticalHeader()->hide();
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setSelectionMode(QAbstractItemView::NoSelection);
  table_->setFocusPolicy(Qt::NoFocus);
  table_->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
  table_->hide();

  back_ = new QPushButton(tr("◀ Back"));
  back_->setToolTip(tr("The previous step (Page Up)"));
  next_ = new QPushButton(tr("Next ▶"));
  next_->setToolTip(tr("The next step (Page Down)"));
  next_->setDefault(true);
  auto* close = new QPushButton(tr("End Tour"));
  connect(back_, &QPushButton::clicked, this, &TourPanel::backRequested);
  connect(next_, &QPushButton::clicked, this, &TourPanel::nextRequested);
  connect(close, &QPushButton::clicked, this, &TourPanel::closeRequested);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(back_);
  buttons->addWidget(next_);
  buttons->addStretch(1);
  buttons->addWidget(close);

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(progress_);
  layout->addWidget(title_);
  layout->addWidget(text_);
  layout->addWidget(strip_);
  layout->addWidget(table_);
  layout->addWidget(hint_);
  layout->addWidget(note_);
  layout->addStretch(1);
  layout->addLayout(buttons);
  applyFonts();
}

void TourPanel::applyFonts() {
  // From the panel's own font each time it changes, so presentation mode's larger text reaches the title too.
  QFont title = font();
  title.setBold(true);
  title.setPointSizeF(font().pointSizeF() * 1.25);
  title_->setFont(title);
  QFont hint = font();
  hint.setItalic(true);
  hint_->setFont(hint);
}

void TourPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::FontChange && title_ != nullptr) applyFonts();
  QWidget::changeEvent(event);
}

void TourPanel::setStep(int index, int count, const QString& title, const QString& text, const QString& hint) {
  index_ = index;
  progress_->setText(tr("Step %1 of %2").arg(index + 1).arg(count));
  title_->setText(title);
  text_->setText(text);
  hint_->setText(hint);
  hint_->setVisible(!hint.isEmpty());
  back_->setEnabled(index > 0);
  next_->setEnabled(index + 1 < count);
}

void TourPanel::setKeys(const QVector<TourKeyRow>& rows) {
  table_->setRowCount(static_cast<int>(rows.size()));
  for (int i = 0; i < rows.size(); ++i) {
    const TourKeyRow& row = rows[i];
    auto* score = new QTableWidgetItem(QString::number(row.score, 'f', 3));
    auto* weight = new QTableWidgetItem(QString::number(row.weight, 'f', 4));
    score->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    weight->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    auto* key = new QTableWidgetItem(row.key);
    key->setToolTip(row.where);
    table_->setItem(i, 0, key);
    table_->setItem(i, 1, score);
    table_->setItem(i, 2, weight);
  }
  table_->setVisible(!rows.isEmpty());
}

void TourPanel::setEmbedding(const std::vector<float>& values) { strip_->setValues(values); }

void TourPanel::setNote(const QString& note) {
  note_->setText(note);
  note_->setVisible(!note.isEmpty());
}

QString TourPanel::title() const { return title_->text(); }
QString TourPanel::text() const { return text_->text(); }
int TourPanel::embeddingLength() const { return strip_->length(); }

}  // namespace vitlens::ui
