#pragma once
// vitlens's view options: the names, defaults and checks of vitlens-cli attention (--layer, --head, --method,
// --query, --discard, --colormap, --alpha, --grid) plus --mass, read into the window's ViewSettings.
#include <QCommandLineParser>
#include <QString>

#include "model/model_meta.h"
#include "ui/view_settings.h"

namespace vitlens::ui {

void addViewOptions(QCommandLineParser& parser);

// Writes the options that were given over `view` (the others keep its values); returns an error message, or an
// empty string. Ranges that need the model (layer, head, query) are checked later by validateMapRequest.
QString readViewOptions(const QCommandLineParser& parser, ViewSettings& view);

// --class, which needs the model's labels: sets view.targetClass; returns an error message or an empty string.
QString readClassOption(const QCommandLineParser& parser, const ModelMeta& meta, ViewSettings& view);

}  // namespace vitlens::ui
