#pragma once
// The Evaluation dock: a folder's accuracy, its confusion matrix (or, for many classes, the most confused pairs),
// every image's result in a sortable table with one-click filters, progress and Cancel while it runs, and the
// exports. It shows what the session's folder evaluation holds and asks the window for the rest (images, files).
#include <QString>
#include <QWidget>

#include <memory>
#include <vector>

#include "engine/folder_evaluation.h"

class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;

namespace vitlens::ui {

class ConfusionView;
class OutcomeTable;

class EvaluationPanel : public QWidget {
  Q_OBJECT

 public:
  explicit EvaluationPanel(QWidget* parent = nullptr);
  ~EvaluationPanel() override;

  void setRunning(const QString& folder);
  void setProgress(qint64 done, qint64 total);
  void setEvaluation(std::shared_ptr<const FolderEvaluation> evaluation, const QString& folder);
  void setFailed(const QString& message);

  // Rows of the results table: every image, one confusion cell, or one of the filters (indices into perImage).
  enum class Filter { All, Cell, LeastConfidentCorrect, MostConfidentWrong };
  void showRows(Filter filter, int64_t truth = -1, int64_t predicted = -1);
  std::vector<size_t> shownRows() const;
  bool running() const { return running_; }

  ConfusionView* confusionView() const { return confusion_; }
  QListWidget* pairList() const { return pairs_; }
  QTableView* table() const { return table_; }
  // Classes beyond which the matrix gives way to the list of most confused pairs.
  static constexpr int kGridLimit = 30;

 Q_SIGNALS:
  // The images of one confusion cell (or confused pair), for the filmstrip.
  void cellChosen(qint64 truth, qint64 predicted);
  void imageChosen(const QString& path);
  void cancelRequested();
  void exportJsonRequested();
  void exportCsvRequested();
  void exportMatrixRequested();

 private:
  std::shared_ptr<const FolderEvaluation> evaluation_;
  bool running_ = false;
  QLabel* summary_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QPushButton* cancel_ = nullptr;
  QStackedWidget* views_ = nullptr;
  ConfusionView* confusion_ = nullptr;
  QListWidget* pairs_ = nullptr;
  OutcomeTable* model_ = nullptr;
  QSortFilterProxyModel* sorted_ = nullptr;
  QTableView* table_ = nullptr;
  std::vector<QPushButton*> exports_;
};

}  // namespace vitlens::ui
