#include "ui/evaluation_panel.h"

#include <QAbstractTableModel>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

#include "ui/confusion_view.h"

namespace vitlens::ui {

// Every image's result, as rows of a table; the rows are a subset (a filter) of the evaluation's images. Sorting
// reads Qt::UserRole: numbers as numbers.
class OutcomeTable : public QAbstractTableModel {
 public:
  enum Column { Image, Label, Predicted, Probability, Correct, Milliseconds, Columns };

  void setEvaluation(std::shared_ptr<const FolderEvaluation> evaluation) {
    beginResetModel();
    evaluation_ = std::move(evaluation);
    rows_.clear();
    if (evaluation_) {
      for (size_t i = 0; i < evaluation_->perImage.size(); ++i) rows_.push_back(i);
    }
    endResetModel();
  }
  void setRows(std::vector<size_t> rows) {
    beginResetModel();
    rows_ = std::move(rows);
    endResetModel();
  }
  const std::vector<size_t>& rows() const { return rows_; }
  const ImageOutcome* outcome(int row) const {
    return evaluation_ && row >= 0 && row < static_cast<int>(rows_.size())
               ? &evaluation_->perImage[rows_[static_cast<size_t>(row)]]
               : nullptr;
  }

  int rowCount(const QModelIndex& parent = {}) const override {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
  }
  int columnCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : Columns; }

  QVariant headerData(int section, Qt::Orientation orientation, int role) const override {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
      case Image:
        return QObject::tr("image");
      case Label:
        return QObject::tr("label");
      case Predicted:
        return QObject::tr("predicted");
      case Probability:
        return QObject::tr("probability");
      case Correct:
        return QObject::tr("correct");
      case Milliseconds:
        return QObject::tr("ms");
    }
    return {};
  }

  QVariant data(const QModelIndex& index, int role) const override {
    const ImageOutcome* o = outcome(index.row());
    if (o == nullptr) return {};
    const std::vector<std::string>& labels = evaluation_->confusion.labels();
    const QString label = o->label >= 0 ? QString::fromStdString(labels[static_cast<size_t>(o->label)]) : QString();
    if (role == Qt::ToolTipRole) return QString::fromStdString(o->error.empty() ? o->path : o->path + ": " + o->error);
    if (role == Qt::ForegroundRole && index.column() == Correct && o->error.empty() && o->label >= 0) {
      return o->correct() ? QColor(20, 130, 60) : QColor(200, 40, 30);
    }
    if (role != Qt::DisplayRole && role != Qt::UserRole) return {};
    const bool sortKey = role == Qt::UserRole;
    switch (index.column()) {
      case Image: {  // "cat/0001.jpg": file names repeat across class folders
        const QFileInfo file(QString::fromStdString(o->path));
        return file.dir().dirName() + QLatin1Char('/') + file.fileName();
      }
      case Label:
        return label;
      case Predicted:
        return o->error.empty() ? QString::fromStdString(o->top.front().label) : QObject::tr("unreadable");
      case Probability:
        if (sortKey) return static_cast<double>(o->probability());
        return o->error.empty() ? QStringLiteral("%1 %").arg(100.0 * o->probability(), 0, 'f', 1) : QString();
      case Correct:
        if (sortKey) return o->correct() ? 1 : 0;
        return !o->error.empty() || o->label < 0 ? QString() : (o->correct() ? QObject::tr("yes") : QObject::tr("no"));
      case Milliseconds:
        if (sortKey) return o->milliseconds;
        return QString::number(o->milliseconds, 'f', 2);
    }
    return {};
  }

 private:
  std::shared_ptr<const FolderEvaluation> evaluation_;
  std::vector<size_t> rows_;
};

EvaluationPanel::EvaluationPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  summary_ =
      new QLabel(tr("File › Evaluate Folder… (Ctrl+E) runs the model on a folder of class sub-folders named "
                    "like its labels."));
  summary_->setObjectName(QStringLiteral("evaluationSummary"));
  summary_->setWordWrap(true);
  summary_->setTextFormat(Qt::PlainText);
  layout->addWidget(summary_);

  auto* progressRow = new QHBoxLayout;
  progress_ = new QProgressBar;
  progress_->setFormat(tr("%v of %m images"));
  cancel_ = new QPushButton(tr("Cancel"));
  cancel_->setObjectName(QStringLiteral("cancelEvaluation"));
  progressRow->addWidget(progress_, 1);
  progressRow->addWidget(cancel_);
  layout->addLayout(progressRow);
  progress_->hide();
  cancel_->hide();

  views_ = new QStackedWidget;
  confusion_ = new ConfusionView;
  pairs_ = new QListWidget;
  pairs_->setToolTip(tr("The most confused pairs (true → predicted); click one to list its images."));
  views_->addWidget(confusion_);
  views_->addWidget(pairs_);
  layout->addWidget(views_, 3);

  auto* filters = new QHBoxLayout;
  const auto addFilter = [&](const QString& text, const QString& name, Filter filter, const QString& tip) {
    auto* button = new QPushButton(text);
    button->setObjectName(name);
    button->setToolTip(tip);
    connect(button, &QPushButton::clicked, this, [this, filter] { showRows(filter); });
    filters->addWidget(button);
  };
  addFilter(tr("All"), QStringLiteral("showAllResults"), Filter::All, tr("Every image of the folder."));
  addFilter(tr("Least Confident Correct"), QStringLiteral("showLeastConfidentCorrect"), Filter::LeastConfidentCorrect,
            tr("Right answers, the least sure first."));
  addFilter(tr("Most Confident Wrong"), QStringLiteral("showMostConfidentWrong"), Filter::MostConfidentWrong,
            tr("Mistakes, the surest first."));
  filters->addStretch(1);
  layout->addLayout(filters);

  model_ = new OutcomeTable;
  model_->setParent(this);
  sorted_ = new QSortFilterProxyModel(this);
  sorted_->setSourceModel(model_);
  sorted_->setSortRole(Qt::UserRole);
  table_ = new QTableView;
  table_->setModel(sorted_);
  table_->setSortingEnabled(true);
  table_->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);  // folder order until a column is clicked
  sorted_->sort(-1);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->verticalHeader()->hide();
  table_->setToolTip(tr("Click a column to sort; double-click an image to open it."));
  layout->addWidget(table_, 2);

  auto* exports = new QHBoxLayout;
  const auto addExport = [&](const QString& text, const QString& name, void (EvaluationPanel::*signal)()) {
    auto* button = new QPushButton(text);
    button->setObjectName(name);
    button->setEnabled(false);
    connect(button, &QPushButton::clicked, this, signal);
    exports->addWidget(button);
    exports_.push_back(button);
  };
  addExport(tr("Save JSON…"), QStringLiteral("exportEvaluationJson"), &EvaluationPanel::exportJsonRequested);
  addExport(tr("Save CSV…"), QStringLiteral("exportEvaluationCsv"), &EvaluationPanel::exportCsvRequested);
  addExport(tr("Save Matrix PNG…"), QStringLiteral("exportConfusionPng"), &EvaluationPanel::exportMatrixRequested);
  exports->addStretch(1);
  layout->addLayout(exports);

  connect(cancel_, &QPushButton::clicked, this, &EvaluationPanel::cancelRequested);
  connect(confusion_, &ConfusionView::cellClicked, this, [this](qint64 truth, qint64 predicted) {
    showRows(Filter::Cell, truth, predicted);
    Q_EMIT cellChosen(truth, predicted);
  });
  connect(pairs_, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
    const qint64 truth = item->data(Qt::UserRole).toLongLong(), predicted = item->data(Qt::UserRole + 1).toLongLong();
    showRows(Filter::Cell, truth, predicted);
    Q_EMIT cellChosen(truth, predicted);
  });
  connect(pairs_, &QListWidget::itemClicked, pairs_, &QListWidget::itemActivated);
  connect(table_, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
    if (const ImageOutcome* o = model_->outcome(sorted_->mapToSource(index).row())) {
      Q_EMIT imageChosen(QString::fromStdString(o->path));
    }
  });
}

EvaluationPanel::~EvaluationPanel() = default;

void EvaluationPanel::setRunning(const QString& folder) {
  running_ = true;
  summary_->setText(tr("Evaluating %1…").arg(folder));
  progress_->setRange(0, 0);
  progress_->show();
  cancel_->show();
  cancel_->setEnabled(true);
}

void EvaluationPanel::setProgress(qint64 done, qint64 total) {
  progress_->setRange(0, static_cast<int>(total));
  progress_->setValue(static_cast<int>(done));
}

void EvaluationPanel::setFailed(const QString& message) {
  running_ = false;
  progress_->hide();
  cancel_->hide();
  summary_->setText(message);
}

void EvaluationPanel::setEvaluation(std::shared_ptr<const FolderEvaluation> evaluation, const QString& folder) {
  running_ = false;
  progress_->hide();
  cancel_->hide();
  evaluation_ = std::move(evaluation);
  const FolderEvaluation& e = *evaluation_;
  QString text = tr("%1: %2 images, accuracy %3 % (%4 images/s)")
                     .arg(folder)
                     .arg(e.images)
                     .arg(100.0 * e.confusion.accuracy(), 0, 'f', 2)
                     .arg(e.imagesPerSecond, 0, 'f', 0);
  if (e.failed > 0) text += tr("; %1 could not be read (listed as unreadable)").arg(e.failed);
  if (e.cancelled) text += tr("; cancelled: the numbers cover the images done");
  summary_->setText(text);
  const bool grid = static_cast<int>(e.presentClasses.size()) <= kGridLimit;
  confusion_->setMatrix(e.confusion, e.presentClasses);
  pairs_->clear();
  if (!grid) {
    for (const ConfusedPair& pair : mostConfusedPairs(e.confusion, 200)) {
      const auto& labels = e.confusion.labels();
      auto* item = new QListWidgetItem(QStringLiteral("%1 → %2: %3")
                                           .arg(QString::fromStdString(labels[static_cast<size_t>(pair.truth)]),
                                                QString::fromStdString(labels[static_cast<size_t>(pair.predicted)]))
                                           .arg(pair.count));
      item->setData(Qt::UserRole, static_cast<qlonglong>(pair.truth));
      item->setData(Qt::UserRole + 1, static_cast<qlonglong>(pair.predicted));
      pairs_->addItem(item);
    }
  }
  views_->setCurrentIndex(grid ? 0 : 1);
  model_->setEvaluation(evaluation_);
  for (QPushButton* button : exports_) button->setEnabled(true);
}

void EvaluationPanel::showRows(Filter filter, int64_t truth, int64_t predicted) {
  if (!evaluation_) return;
  std::vector<size_t> rows;
  switch (filter) {
    case Filter::All:
      for (size_t i = 0; i < evaluation_->perImage.size(); ++i) rows.push_back(i);
      break;
    case Filter::Cell:
      rows = outcomesInCell(*evaluation_, truth, predicted);
      break;
    case Filter::LeastConfidentCorrect:
      rows = leastConfidentCorrect(*evaluation_);
      break;
    case Filter::MostConfidentWrong:
      rows = mostConfidentWrong(*evaluation_);
      break;
  }
  sorted_->sort(-1);  // the filter's own order until a column is clicked
  table_->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
  model_->setRows(std::move(rows));
}

std::vector<size_t> EvaluationPanel::shownRows() const { return model_->rows(); }

}  // namespace vitlens::ui
