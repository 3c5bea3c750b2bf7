// MainWindow, the attention view: which map the worker computes for the current settings, and drawing the cached
// map (the large view, its screen-resolution lines, the heads grid's tiles) on this thread with no tensor work.
#include <QImage>
#include <QStatusBar>
#include <QVector>

#include <opencv2/core.hpp>
#include <optional>

#include "analysis/attention_set_maps.h"
#include "engine/error_text.h"
#include "imaging/attention_mass.h"
#include "imaging/heatmap.h"
#include "ui/attention_controls.h"
#include "ui/heads_grid.h"
#include "ui/image_convert.h"
#include "ui/image_view.h"
#include "ui/main_window.h"
#include "ui/overlay_renderer.h"
#include "ui/prediction_panel.h"

namespace vitlens::ui {
namespace {

constexpr int kHeadTileSize = 112;
constexpr double kHeadTileOpacity = 0.6;

// "register 1 0.018 · class 0.043" wraps between entries only, never inside one.
QString unbreakableEntries(const QString& text) {
  QStringList entries = text.split(QStringLiteral(" · "));
  for (QString& entry : entries) entry.replace(QLatin1Char(' '), QChar(0x00a0));
  return entries.join(QStringLiteral(" · "));
}

// The colormap from low to high, 256 x 1, for the colour bar.
QImage colourRamp(Colormap colormap) {
  cv::Mat ramp(1, 256, CV_32F);
  for (int i = 0; i < 256; ++i) ramp.at<float>(0, i) = static_cast<float>(i / 255.0);
  return toQImage(applyColormap(ramp, colormap));
}

// How the heads are fused, in the window's language (HeadSelection::toString() is the CLI's English word).
QString fusionName(HeadReduce reduce) {
  switch (reduce) {
    case HeadReduce::Max:
      return QObject::tr("max");
    case HeadReduce::Min:
      return QObject::tr("min");
    default:
      return QObject::tr("mean");
  }
}

QString fusionOfHeads(HeadReduce reduce) {
  switch (reduce) {
    case HeadReduce::Max:
      return QObject::tr("max of heads");
    case HeadReduce::Min:
      return QObject::tr("min of heads");
    default:
      return QObject::tr("mean of heads");
  }
}

// What the map shown is, for the caption over the view.
QString captionFor(const MapResult& map, int layers) {
  const MapRequest& r = map.request;
  const QString percent = QStringLiteral("%1 %").arg(map.targetProbability * 100.0, 0, 'f', 1);
  const QString why = QObject::tr("why “%1” (%2)").arg(map.targetLabel, percent);
  switch (r.method) {
    case MapMethod::Raw:
      return QObject::tr("attention · layer %1 · %2 · %3")
          .arg(map.layer)
          .arg(r.heads.reduce == HeadReduce::Single ? QObject::tr("head %1").arg(r.heads.head)
                                                    : fusionOfHeads(r.heads.reduce))
          .arg(r.queryPatch < 0 ? QObject::tr("class token") : QObject::tr("patch %1").arg(r.queryPatch));
    case MapMethod::Rollout:
      return QObject::tr("rollout · %1 layers · discard %2 %").arg(layers).arg(std::lround(r.discardRatio * 100));
    case MapMethod::Gae:
      return QObject::tr("GAE · %1").arg(why);
    case MapMethod::GradRollout:
      return QObject::tr("gradient rollout · %1").arg(why);
    case MapMethod::AttnGrad:
      return QObject::tr("attention × gradient · %1").arg(why);
    case MapMethod::Occlusion:
      return QObject::tr("occlusion · %1").arg(why);
    case MapMethod::Random:
      return QObject::tr("random baseline · seed %1").arg(r.seed);
    case MapMethod::Tokens:
      return QObject::tr("token norms · layer %1 output").arg(map.layer);
  }
  return QString();
}

// The same in words a room can read from afar (presentation mode): "Layer 3, head 2 — attention from the patch
// you clicked".
QString plainCaptionFor(const MapResult& map, int layers) {
  const MapRequest& r = map.request;
  const QString percent = QStringLiteral("%1 %").arg(map.targetProbability * 100.0, 0, 'f', 1);
  const QString why = QObject::tr("Why “%1” (%2)").arg(map.targetLabel, percent);
  switch (r.method) {
    case MapMethod::Raw: {
      const QString from = r.queryPatch < 0 ? QObject::tr("attention from the class token")
                                            : QObject::tr("attention from the patch you clicked");
      if (r.heads.reduce == HeadReduce::Single) {
        return QObject::tr("Layer %1, head %2 — %3").arg(map.layer).arg(r.heads.head).arg(from);
      }
      return QObject::tr("Layer %1, %2 of all heads — %3").arg(map.layer).arg(fusionName(r.heads.reduce)).arg(from);
    }
    case MapMethod::Rollout:
      return QObject::tr("Attention rollout through all %1 layers").arg(layers);
    case MapMethod::Gae:
      return QObject::tr("%1 — GAE").arg(why);
    case MapMethod::GradRollout:
      return QObject::tr("%1 — gradient rollout").arg(why);
    case MapMethod::AttnGrad:
      return QObject::tr("%1 — attention × gradient").arg(why);
    case MapMethod::Occlusion:
      return QObject::tr("%1 — occlusion").arg(why);
    case MapMethod::Random:
      return QObject::tr("A random map (the baseline)");
    case MapMethod::Tokens:
      return QObject::tr("Token norms after layer %1").arg(map.layer);
  }
  return QString();
}

}  // namespace

void MainWindow::onSettingsChanged() {
  // Which map changed (or the tiles' query): the worker computes it. How it is drawn changed: draw the cached map
  // again, no tensor work on this thread.
  const ViewSettings s = controls_->settings();
  const AnalysisResult* shown = session_->result();
  if (!shown || !shown->analysis.attention) return;
  if (!mapShown_ || s.map() != shownRequest_ || s.queryPatch != tileQuery_) {
    requestMap();
  } else {
    redraw();
  }
}

const cv::Mat& MainWindow::renderedImage() const {
  const AnalysisResult* shown = session_->result();
  if (renderedStale_ && shown && !currentMap_.empty()) {
    ViewSettings style = controls_->settings();
    static_cast<MapRequest&>(style) = shownRequest_;  // the outline of the map shown, not of one still coming
    style.colourBar = true;                           // exports say what the colours stand for
    rendered_ = renderView(shown->rgb, shown->analysis.sourceCrop, currentMap_, style);
    renderedStale_ = false;
  }
  return rendered_;
}

void MainWindow::requestMap() {
  const ViewSettings s = controls_->settings();
  // Tiles only when their query changed: a layer or head switch reuses them.
  const std::optional<int> tiles = s.queryPatch != tileQuery_ ? std::optional<int>(s.queryPatch) : std::nullopt;
  session_->computeMap(s.map(), tiles);
}

void MainWindow::onMapReady(const MapResult& map) {
  const AnalysisResult* shown = session_->result();
  if (!shown) return;
  currentMap_ = map.map;
  shownRequest_ = map.request;
  shownLayer_ = map.layer;
  mapShown_ = true;
  if (!map.prefixValues.isEmpty()) {  // token norms: the prefix tokens' own
    QStringList norms;
    for (const auto& [name, value] : map.prefixValues) norms << QStringLiteral("%1 %2").arg(name).arg(value, 0, 'f', 2);
    controls_->setPrefixSummary(
        tr("Prefix-token norms (not in the map): %1").arg(unbreakableEntries(norms.join(QStringLiteral(" · ")))));
  } else {
    controls_->setPrefixSummary(
        map.prefixSummary.isEmpty()
            ? QString()
            : tr("Attention to prefix tokens (not in the map): %1").arg(unbreakableEntries(map.prefixSummary)));
  }
  predictions_->setSelectedClass(isClassSpecific(map.request.method) ? map.targetClass : -1);
  ViewLegend legend;
  const int layers = shown->analysis.attention ? shown->analysis.attention->layers() : 0;
  legend.caption = captionFor(map, layers);
  plainCaption_ = plainCaptionFor(map, layers);
  if (!session_->mapChange().empty()) {
    legend.caption += QStringLiteral(" · ") + changeDescription(session_->mapChange());
    plainCaption_ += QStringLiteral(" · ") + changeDescription(session_->mapChange());
  }
  if (!currentMap_.empty()) {
    finiteRange(currentMap_, &legend.minimum, &legend.maximum);
    legend.ramp = colourRamp(controls_->settings().colormap);
  }
  legend_ = legend;
  if (map.hasTiles) {
    tileMaps_ = map.tileMaps;
    tileQuery_ = map.tileQuery;
    tilesDrawn_ = false;
  }
  redraw();
  updateActions();
  if (liveAwaitingMap_) liveFrameShown(true);
}

void MainWindow::redraw() {
  const AnalysisResult* shown = session_->result();
  if (!shown || currentMap_.empty()) return;
  const ViewSettings settings = controls_->settings();
  try {
    // The view: the heat map alone; grid and outlines follow at screen resolution (ImageView::setLines).
    ViewSettings unlined = settings;
    unlined.grid = false;
    unlined.massThreshold = 0.0;
    unlined.queryPatch = -1;       // the map is computed already; this only drops the outline
    unlined.hatchMissing = false;  // dropped patches are drawn by the view, crisp at any zoom
    // Drawn on the reduced copy of a large photo, with the crop in its pixels; the view stands it for the whole.
    const cv::Mat& base = shown->viewRgb.empty() ? shown->rgb : shown->viewRgb;
    const cv::Rect2d& crop = shown->analysis.sourceCrop;
    const double sx = static_cast<double>(base.cols) / shown->rgb.cols;
    const double sy = static_cast<double>(base.rows) / shown->rgb.rows;
    const cv::Rect2d viewCrop(crop.x * sx, crop.y * sy, crop.width * sx, crop.height * sy);
    viewImage_ = renderView(base, viewCrop, currentMap_, unlined);
    imageView_->setImage(wrapAsQImage(viewImage_), QSize(shown->rgb.cols, shown->rgb.rows));
    ViewLines lines;
    lines.crop = QRectF(crop.x, crop.y, crop.width, crop.height);
    lines.rows = currentMap_.rows;
    lines.cols = currentMap_.cols;
    lines.grid = settings.grid;
    lines.queryPatch = outlinedPatch(shownRequest_);
    lines.dropped = change_.droppedPatches;  // at once, before the changed model's map arrives
    if (settings.massThreshold > 0.0) {
      cv::Mat weights = currentMap_.clone();
      cv::patchNaNs(weights, 0.0);                                              // dropped patches hold no attention
      const cv::Mat mask = attentionMassMask(weights, settings.massThreshold);  // CV_8U rows x cols
      lines.mass.assign(mask.datastart, mask.dataend);
    }
    imageView_->setLines(lines);
    // The colour bar follows the colours chosen; its range is the map's.
    if (!legend_.ramp.isNull() && settings.colormap != legendColormap_) {
      legend_.ramp = colourRamp(settings.colormap);
    }
    legendColormap_ = settings.colormap;
    ViewLegend legend = legend_;
    if (presentation_) legend.caption = plainCaption_;
    if (!settings.showOverlay) legend = ViewLegend();  // no map on screen: nothing to name or scale
    imageView_->setLegend(legend);
    renderedStale_ = true;
    const AttentionSet& attention = *shown->analysis.attention;
    if (!tilesDrawn_ || settings.colormap != tileColormap_) {
      // The tiles keep one opacity, so the opacity slider (which only the large view follows) never needs them
      // redrawn and they stay comparable whatever the large view shows.
      DrawStyle tileStyle = settings.style();
      tileStyle.opacity = kHeadTileOpacity;
      QVector<QImage> tiles;
      for (const cv::Mat& tile : renderHeadTiles(base, viewCrop, tileMaps_, tileQuery_, tileStyle, kHeadTileSize)) {
        tiles.append(toQImage(tile));
      }
      headsGrid_->setTiles(tiles, attention.layers(), attention.heads());
      headsGrid_->setTileValues(tileMaps_);
      tileColormap_ = settings.colormap;
      tilesDrawn_ = true;
    }
    const bool raw = shownRequest_.method == AttentionMethod::Raw;
    const bool single = raw && shownRequest_.heads.reduce == HeadReduce::Single;
    headsGrid_->setSelected(raw ? shownLayer_ : -1, single ? shownRequest_.heads.head : -1);
  } catch (const std::exception& e) {
    showError(tr("Could not render the attention: %1").arg(QString::fromStdString(errorMessage(e))));
  }
}

void MainWindow::onImageHovered(const QPointF& imagePos) {
  const AnalysisResult* shown = session_->result();
  if (!shown) return;
  const int prefix = shown->analysis.attention ? shown->analysis.attention->prefixTokens() : 0;
  hoverText_ = QString::fromStdString(
      describePatchAt(cv::Point2d(imagePos.x(), imagePos.y()), shown->analysis.sourceCrop, currentMap_, prefix));
  if (hoverText_.isEmpty()) {
    statusBar()->showMessage(tr("outside the region the model saw"));
  } else {
    statusBar()->showMessage(hoverText_);
  }
}

void MainWindow::onImageClicked(const QPointF& imagePos) {
  const AnalysisResult* shown = session_->result();
  if (!shown || currentMap_.empty()) return;
  if (!controls_->patchQueryMode()) {
    statusBar()->showMessage(tr("Set Query to \"Patch\" (Q) to see what a clicked patch attends to."), 4000);
    return;
  }
  const int patch =
      patchAt(cv::Point2d(imagePos.x(), imagePos.y()), shown->analysis.sourceCrop, currentMap_.rows, currentMap_.cols);
  if (patch >= 0 && std::binary_search(change_.droppedPatches.begin(), change_.droppedPatches.end(), patch)) {
    statusBar()->showMessage(tr("Patch %1 is dropped from the model's input: it asks nothing.").arg(patch), 4000);
    return;
  }
  if (patch >= 0) controls_->setQueryPatch(patch);
}

}  // namespace vitlens::ui
