#pragma once
// The "Teach" dock: the guided tour's current step (number, title, two or three sentences with the model's real
// numbers, what to do next), the attention step's table of keys, the clicked patch's embedding as a strip of
// numbers, and Back / Next. It only shows what the window gives it; the window sets up the views for each step.
#include <QString>
#include <QVector>
#include <QWidget>

#include <vector>

#include "ui/tour_facts.h"

class QLabel;
class QPushButton;
class QTableWidget;

namespace vitlens::ui {

class NumberStrip;

class TourPanel : public QWidget {
  Q_OBJECT

 public:
  explicit TourPanel(QWidget* parent = nullptr);

  void setStep(int index, int count, const QString& title, const QString& text, const QString& hint);
  // The attention step's keys (empty: no table) and the query patch's embedding (empty: no strip).
  void setKeys(const QVector<TourKeyRow>& rows);
  void setEmbedding(const std::vector<float>& values);
  void setNote(const QString& note);  // e.g. a teacher's tour file that could not be used; empty: none

  int index() const { return index_; }
  QString title() const;
  QString text() const;
  QTableWidget* keyTable() const { return table_; }
  int embeddingLength() const;

 Q_SIGNALS:
  void nextRequested();
  void backRequested();
  void closeRequested();

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void applyFonts();

  int index_ = -1;
  QLabel* progress_ = nullptr;
  QLabel* title_ = nullptr;
  QLabel* text_ = nullptr;
  QLabel* hint_ = nullptr;
  QLabel* note_ = nullptr;
  QTableWidget* table_ = nullptr;
  NumberStrip* strip_ = nullptr;
  QPushButton* back_ = nullptr;
  QPushButton* next_ = nullptr;
};

}  // namespace vitlens::ui
