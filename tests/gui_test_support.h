#pragma once
// Shared by the GUI tests: a model to load (the built-in one, or an untrained file when the build has none) and the
// shipped sample photos.
#include <QDir>
#include <QString>
#include <QTemporaryDir>

#include "engine/engine.h"
#include "model/vit_config.h"

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

QString samplePath(const char* name) { return QDir(QStringLiteral(VITLENS_SAMPLES_DIR)).filePath(QLatin1String(name)); }

}  // namespace
