// MainWindow, the guided tour (Help › Tour): each step sets up the views it talks about, outlines them, and
// fills its sentences with the loaded model's and image's numbers (ui/tour_facts.h); the attention step asks the
// worker for the query's real q·kᵀ/√d and softmax (Engine::queryTrace).
#include <QDockWidget>
#include <QScrollArea>
#include <QStatusBar>
#include <QTableWidget>

#include "engine/error_text.h"
#include "ui/anatomy_view.h"
#include "ui/attention_controls.h"
#include "ui/attention_distance_chart.h"
#include "ui/heads_grid.h"
#include "ui/image_view.h"
#include "ui/language.h"
#include "ui/lens_strip.h"
#include "ui/main_window.h"
#include "ui/prediction_panel.h"
#include "ui/tour_facts.h"
#include "ui/tour_highlight.h"
#include "ui/tour_panel.h"

namespace vitlens::ui {
namespace {

constexpr int kTableRows = 5;

}  // namespace

QDockWidget* MainWindow::buildTeachDock() {
  tour_ = new TourPanel;
  // Scrolled, so a long step at presentation size never squeezes its lines onto each other.
  auto* scroll = new QScrollArea;
  scroll->setWidget(tour_);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  auto* dock = new QDockWidget(tr("Teach"), this);
  dock->setObjectName(QStringLiteral("teach"));  // saveState() needs names
  dock->setWidget(scroll);
  highlight_ = new TourHighlight(this);
  connect(tour_, &TourPanel::nextRequested, this, &MainWindow::tourNext);
  connect(tour_, &TourPanel::backRequested, this, &MainWindow::tourBack);
  connect(tour_, &TourPanel::closeRequested, this, &MainWindow::endTour);
  // The learner's own action (a click on a patch, another head) completes the tour's step: its numbers follow.
  connect(controls_, &AttentionControls::settingsChanged, this, &MainWindow::requestTrace);
  return dock;
}

void MainWindow::tourModelChanged() {
  trace_.reset();
  tracePatch_ = -2;  // another model: ask again
  if (tourStep_ >= 0) showTourStep();
}

void MainWindow::tourImageChanged() {
  trace_.reset();
  tracePatch_ = -2;  // another image: the tour's numbers are worked out again
  refreshTour();
  requestTrace();
}

QString MainWindow::tourStepId() const {
  return tourStep_ >= 0 && tourStep_ < tourStepCount() ? tourScript_.steps()[tourStep_].id : QString();
}

void MainWindow::startTour(int step, const QString& language) {
  QString note;
  tourScript_ = TourScript::load(language.isEmpty() ? installedLanguage() : language, &note);
  if (tourScript_.isEmpty()) {
    showError(tr("The tour's texts are missing from this build."));
    return;
  }
  tourNote_ = note;
  tourStep_ = std::clamp(step, 0, tourStepCount() - 1);
  raiseDock(QStringLiteral("teach"));
  showTourStep();
}

void MainWindow::endTour() {
  tourStep_ = -1;
  highlight_->setTargets({});
  if (auto* dock = findChild<QDockWidget*>(QStringLiteral("teach"))) dock->hide();
}

bool MainWindow::tourNext() {
  if (tourStep_ < 0 || tourStep_ + 1 >= tourStepCount()) return false;
  ++tourStep_;
  showTourStep();
  return true;
}

bool MainWindow::tourBack() {
  if (tourStep_ <= 0) return false;
  --tourStep_;
  showTourStep();
  return true;
}

int MainWindow::tourQueryPatch() const {
  const int clicked = controls_->settings().queryPatch;
  if (clicked >= 0) return clicked;
  const ModelInfo* info = session_->model();
  if (!info) return 0;
  const VitConfig& c = info->meta.config;
  return static_cast<int>((c.gridHeight() / 2) * c.gridWidth() + c.gridWidth() / 2);  // the centre patch
}

bool MainWindow::tourNeedsTrace() const {
  const QString id = tourStepId();
  return id == QLatin1String("embedding") || id == QLatin1String("attention");
}

void MainWindow::showTourStep() {
  const QString id = tourStepId();
  const ModelInfo* info = session_->model();
  ViewSettings s = controls_->settings();
  const int lastLayer = info ? static_cast<int>(info->meta.config.depth) - 1 : 0;
  QList<QWidget*> targets;
  if (id == QLatin1String("image")) {
    s.showOverlay = false;
    s.grid = false;
    targets = {imageView_};
  } else if (id == QLatin1String("patches")) {
    s.showOverlay = false;
    s.grid = true;
    targets = {imageView_};
  } else if (id == QLatin1String("embedding") || id == QLatin1String("attention")) {
    // Patch-query mode on one head: a click on the image asks from that patch, which is the learner's step.
    s.method = AttentionMethod::Raw;
    s.queryPatch = tourQueryPatch();
    if (s.heads.reduce != HeadReduce::Single) s.heads = HeadSelection{HeadReduce::Single, 0};
    if (s.layer < 0) s.layer = lastLayer;
    s.grid = true;
    s.showOverlay = id == QLatin1String("attention");
    if (id == QLatin1String("embedding")) {
      raiseDock(QStringLiteral("anatomy"));
      targets = {imageView_, anatomy_};
    } else {
      targets = {imageView_, tour_->keyTable()};
    }
  } else if (id == QLatin1String("positions")) {
    raiseDock(QStringLiteral("anatomy"));
    targets = {anatomy_};
  } else if (id == QLatin1String("heads")) {
    s.method = AttentionMethod::Raw;
    s.showOverlay = true;
    raiseDock(QStringLiteral("heads"));
    targets = {headsGrid_, distanceChart_};
  } else if (id == QLatin1String("rollout")) {
    s.method = AttentionMethod::Rollout;
    s.showOverlay = true;
    s.grid = false;
    targets = {imageView_};
  } else if (id == QLatin1String("answer")) {
    raiseDock(QStringLiteral("prediction"));
    targets = {predictions_, lens_};
  } else if (id == QLatin1String("why")) {
    if (info && info->meta.config.hasHead()) {
      s.method = AttentionMethod::Gae;  // "why this class": the class-specific map of the top class
      s.targetClass = -1;
    }
    s.showOverlay = true;
    raiseDock(QStringLiteral("heads"));
    targets = {imageView_, headsGrid_};
  }
  if (!id.isEmpty() && TourScript::knownSteps().contains(id)) controls_->setSettings(s);
  highlight_->setTargets(targets);
  refreshTour();
  requestTrace();
}

void MainWindow::requestTrace() {
  if (tourStep_ < 0 || !tourNeedsTrace() || !session_->result()) return;
  const ViewSettings s = controls_->settings();
  const ModelInfo* info = session_->model();
  if (!info) return;
  const int layer = s.layer < 0 ? static_cast<int>(info->meta.config.depth) - 1 : s.layer;
  const int head = s.heads.reduce == HeadReduce::Single ? s.heads.head : 0;
  const int patch = tourQueryPatch();
  if (layer == traceLayer_ && head == traceHead_ && patch == tracePatch_) return;  // asked already
  traceLayer_ = layer;
  traceHead_ = head;
  tracePatch_ = patch;
  trace_.reset();
  refreshTour();
  session_->traceQuery(layer, head, patch);
}

void MainWindow::onQueryTraceReady(const QueryTraceResult& result) {
  const QueryTrace& t = result.trace;
  if (t.layer != traceLayer_ || t.head != traceHead_ || t.queryPatch != tracePatch_) return;  // overtaken
  trace_ = t;
  refreshTour();
}

void MainWindow::refreshTour() {
  if (tourStep_ < 0 || tourStep_ >= tourStepCount()) return;
  const TourStep& step = tourScript_.steps()[tourStep_];
  TourContext context;
  context.model = session_->model();
  context.image = session_->result();
  context.trace = trace_ ? &*trace_ : nullptr;
  context.lens = lens_->layers();
  context.tableRows = kTableRows;
  const QMap<QString, QString> facts = tourFacts(context);
  tour_->setStep(tourStep_, tourStepCount(), TourScript::fill(step.title, facts), TourScript::fill(step.text, facts),
                 TourScript::fill(step.hint, facts));
  // Without an image the numbers cannot be known yet: say where they come from.
  tour_->setNote(context.image ? tourNote_
                               : tr("Open an image (Ctrl+O) or pick one from File › Samples: the tour's numbers "
                                    "come from it."));
  const bool attention = step.id == QLatin1String("attention");
  QVector<TourKeyRow> rows;
  if (attention && trace_ && context.image && context.model) {
    QStringList prefixNames;
    if (const auto& set = context.image->analysis.attention) {
      for (const std::string& name : set->prefixTokenNames())
        prefixNames << tr("%1 token").arg(QString::fromStdString(name));
    }
    rows = topKeys(*trace_, static_cast<int>(context.model->meta.config.gridWidth()), prefixNames, kTableRows);
  }
  tour_->setKeys(rows);
  tour_->setEmbedding(step.id == QLatin1String("embedding") && trace_ ? trace_->embedding : std::vector<float>());
}

}  // namespace vitlens::ui
