// MainWindow, the experiments (README, "Experiments"): heads switched off from the heads grid, patches dropped by
// clicking and dragging over the image or from the map's most important cells, the head-importance view. Every
// change goes to the worker as one Interventions state; the newest wins, so quick toggles and drags coalesce.
#include <QStatusBar>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "imaging/heatmap.h"
#include "ui/attention_controls.h"
#include "ui/faithfulness_panel.h"
#include "ui/heads_grid.h"
#include "ui/image_view.h"
#include "ui/lens_strip.h"
#include "ui/main_window.h"
#include "ui/overlay_renderer.h"
#include "ui/prediction_panel.h"
#include "ui/window_actions.h"

namespace vitlens::ui {

void MainWindow::toggleAblation(int layer, int head) {
  auto& heads = change_.ablatedHeads;
  const auto found = std::find(heads.begin(), heads.end(), std::make_pair(layer, head));
  if (found == heads.end()) {
    heads.emplace_back(layer, head);
    std::sort(heads.begin(), heads.end());
  } else {
    heads.erase(found);
  }
  applyChange();
}

void MainWindow::resetAblations() { setAblatedHeads({}); }

void MainWindow::setAblatedHeads(const std::vector<std::pair<int, int>>& heads) {
  change_.ablatedHeads = heads;
  std::sort(change_.ablatedHeads.begin(), change_.ablatedHeads.end());
  applyChange();
}

void MainWindow::setDroppedPatches(const std::vector<int>& patches) {
  const ModelInfo* info = session_->model();
  const int count = info ? static_cast<int>(info->meta.config.numPatches()) : 0;
  std::vector<int> kept;
  for (int p : patches) {
    if (p >= 0 && p < count) kept.push_back(p);
  }
  std::sort(kept.begin(), kept.end());
  kept.erase(std::unique(kept.begin(), kept.end()), kept.end());
  if (count > 0 && static_cast<int>(kept.size()) >= count) {
    statusBar()->showMessage(tr("At least one patch must stay: the model needs something to look at."), 5000);
    kept.resize(static_cast<size_t>(count - 1));
  }
  change_.droppedPatches = kept;
  applyChange();
}

void MainWindow::setDropMode(bool on) {
  imageView_->setPainting(on);
  if (actions_->dropPatches->isChecked() != on) actions_->dropPatches->setChecked(on);
  if (on) {
    statusBar()->showMessage(
        tr("Drop patches: click or drag over the image to remove patches, Shift to put them back (D to stop)."), 8000);
  }
}

void MainWindow::onImageStroked(const QPointF& imagePos, bool first, Qt::KeyboardModifiers modifiers) {
  const AnalysisResult* shown = session_->result();
  const ModelInfo* info = session_->model();
  if (!shown || !info) return;
  const VitConfig& c = info->meta.config;
  const int patch = patchAt(cv::Point2d(imagePos.x(), imagePos.y()), shown->analysis.sourceCrop,
                            static_cast<int>(c.gridHeight()), static_cast<int>(c.gridWidth()));
  if (patch < 0) return;
  if (first) strokeRestores_ = (modifiers & Qt::ShiftModifier) != 0;
  std::vector<int> patches = change_.droppedPatches;
  const bool dropped = std::binary_search(patches.begin(), patches.end(), patch);
  if (strokeRestores_ == !dropped) return;  // already as the stroke wants it: no new experiment
  if (strokeRestores_) {
    patches.erase(std::find(patches.begin(), patches.end(), patch));
  } else {
    patches.push_back(patch);
  }
  setDroppedPatches(patches);
}

void MainWindow::dropTopPatches(int percent) {
  if (currentMap_.empty()) return;
  // The map's cells by value, largest first (ties by index, as the faithfulness ranking), dropped ones skipped.
  const int cells = currentMap_.rows * currentMap_.cols;
  std::vector<int> order(static_cast<size_t>(cells));
  std::iota(order.begin(), order.end(), 0);
  const float* values = currentMap_.ptr<float>(0);
  order.erase(std::remove_if(order.begin(), order.end(), [&](int i) { return !std::isfinite(values[i]); }),
              order.end());
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return values[a] > values[b]; });
  const size_t count = std::min(order.size(), static_cast<size_t>(std::ceil(cells * percent / 100.0)));
  std::vector<int> patches = change_.droppedPatches;
  patches.insert(patches.end(), order.begin(), order.begin() + static_cast<std::ptrdiff_t>(count));
  statusBar()->showMessage(tr("Dropped the %1 most important patches of this map.").arg(count), 5000);
  setDroppedPatches(patches);
}

void MainWindow::showHeadImportance(bool on) {
  if (actions_->headImportance->isChecked() != on) actions_->headImportance->setChecked(on);
  if (!on) {
    headsGrid_->setImportance({}, QString());
    return;
  }
  if (!session_->scanHeads()) {
    statusBar()->showMessage(tr("Head importance needs an image and a model with a classifier head."), 5000);
    return;
  }
  statusBar()->showMessage(tr("Switching every head off in turn…"));
}

void MainWindow::onHeadScanReady(const HeadScanResult& result) {
  if (!actions_->headImportance->isChecked()) return;
  const cv::Mat& delta = result.scan.delta;  // CV_32F layers x heads
  headsGrid_->setImportance(std::vector<float>(delta.begin<float>(), delta.end<float>()),
                            QString::fromStdString(result.scan.target.label));
  statusBar()->showMessage(tr("Head importance for “%1”: %2 heads, one forward pass each, in %3 ms")
                               .arg(QString::fromStdString(result.scan.target.label))
                               .arg(delta.rows * delta.cols)
                               .arg(result.scan.milliseconds, 0, 'f', 0),
                           8000);
}

QString MainWindow::changeDescription(const Interventions& change) const {
  // Plural by hand: without a translation loaded, tr's %n leaves "patch(es)".
  QStringList parts;
  const size_t heads = change.ablatedHeads.size(), patches = change.droppedPatches.size();
  if (heads > 0) parts << (heads == 1 ? tr("1 head switched off") : tr("%1 heads switched off").arg(heads));
  if (patches > 0) parts << (patches == 1 ? tr("1 patch dropped") : tr("%1 patches dropped").arg(patches));
  return parts.join(QStringLiteral(" · "));
}

void MainWindow::applyChange() {
  headsGrid_->setAblated(change_.ablatedHeads);
  if (change_.empty()) predictions_->setChanged({}, QString());
  updateActions();
  redraw();                          // the dropped patches show at once; the maps of the changed model follow
  session_->runExperiment(change_);  // the newest state wins: toggles in quick succession coalesce
}

void MainWindow::onExperimentReady(const ExperimentResult& result) {
  QVector<LensEntry> lens;
  for (const LensLayer& layer : result.lens) {
    if (!layer.top.empty()) lens.append({QString::fromStdString(layer.top[0].label), layer.top[0].probability});
  }
  lens_->setLayers(lens);
  if (result.change.empty()) refreshTour();  // the answer step quotes where the lens settles
  if (result.change.empty()) {
    predictions_->setChanged({}, QString());
  } else {
    predictions_->setChanged(result.classification.probabilities, changeDescription(result.change));
  }
  // The maps follow the model the prediction comes from: the changed one while a change lasts, the image's own
  // again once it is undone.
  const bool changedMaps = !session_->mapChange().empty();
  if (changedMaps || mapsChanged_) {
    mapsChanged_ = changedMaps;
    tileQuery_ = kNoTiles;  // every head's tile changes too
    requestMap();
  }
}

void MainWindow::measureFaithfulness(bool comparison) {
  // Every map is scored against the class the current one explains (the top class unless one is chosen).
  const int target = controls_->settings().targetClass;
  std::vector<MapRequest> requests;
  if (comparison) {
    for (MapMethod method : {MapMethod::Raw, MapMethod::Rollout, MapMethod::Gae, MapMethod::GradRollout,
                             MapMethod::AttnGrad, MapMethod::Occlusion, MapMethod::Random}) {
      MapRequest request;
      request.method = method;
      request.targetClass = target;
      requests.push_back(request);
    }
  } else {
    MapRequest random;
    random.method = MapMethod::Random;
    random.targetClass = target;
    requests = {controls_->settings().map(), random};
  }
  if (!session_->measureFaithfulness(requests, comparison)) {
    statusBar()->showMessage(tr("Faithfulness needs an image and a model with a classifier head."), 5000);
  }
}

void MainWindow::onFaithfulnessReady(const FaithfulnessResult& result) {
  if (result.comparison) {
    faithfulness_->setComparison(result.methods);
  } else if (result.methods.size() == 2) {
    const ModelInfo* info = session_->model();
    const int64_t tracked = result.methods[0].curves.tracked;
    faithfulness_->setCurves(result.methods[0], result.methods[1],
                             info ? QString::fromStdString(info->meta.label(tracked)) : QString::number(tracked));
  }
}

}  // namespace vitlens::ui
