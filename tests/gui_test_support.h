#pragma once
// Shared by the GUI tests: a model to load (the built-in one, or an untrained file when the build has none), the
// shipped sample photos, and drag and drop.
#include <QApplication>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>
#include <QWidget>

#include "engine/engine.h"
#include "model/vit_config.h"
#include "ui/image_view.h"
#include "ui/main_window.h"

namespace {

// Empty string: the built-in model. Otherwise a freshly written untrained cifar-seed model inside `dir`.
QString testModelPath(const QTemporaryDir& dir) {
  if (vitlens::hasBuiltInModel()) return {};
  vitlens::ModelMeta meta;
  meta.config = vitlens::VitConfig::preset("cifar-seed");
  meta.name = "untrained";
  const QString path = dir.filePath(QStringLiteral("untrained.safetensors"));
  vitlens::writeUntrainedModel(path.toStdString(), meta, 3, "float32");
  return path;
}

// Drags a local file or folder onto a widget and drops it, as a user would; returns whether the drag was accepted.
[[maybe_unused]] bool dropUrl(QWidget* target, const QString& path) {
  QMimeData mime;
  mime.setUrls({QUrl::fromLocalFile(path)});
  QDragEnterEvent enter(QPoint(300, 300), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
  QApplication::sendEvent(target, &enter);
  if (!enter.isAccepted()) return false;
  QDropEvent event(QPointF(300, 300), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
  QApplication::sendEvent(target, &event);
  return true;
}

[[maybe_unused]] QString samplePath(const char* name) {
  return QDir(QStringLiteral(VITLENS_SAMPLES_DIR)).filePath(QLatin1String(name));
}

// Where patch `patch` of the model's grid lies in the window's image view, in widget coordinates (tests click there).
[[maybe_unused]] QPoint patchCentre(const vitlens::ui::MainWindow& window, int patch) {
  const vitlens::ui::AnalysisResult* shown = window.result();
  const vitlens::ui::ModelInfo* info = window.model();
  if (shown == nullptr || info == nullptr) return {};
  const cv::Rect2d crop = shown->analysis.sourceCrop;
  const vitlens::VitConfig& c = info->meta.config;
  const double cellW = crop.width / static_cast<double>(c.gridWidth());
  const double cellH = crop.height / static_cast<double>(c.gridHeight());
  const QPointF image(crop.x + (static_cast<double>(patch % c.gridWidth()) + 0.5) * cellW,
                      crop.y + (static_cast<double>(patch / c.gridWidth()) + 0.5) * cellH);
  return window.imageView()->imageToWidget(image).toPoint();
}

}  // namespace
