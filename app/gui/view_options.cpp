#include "view_options.h"

#include <cmath>
#include <stdexcept>

namespace vitlens::ui {
namespace {

QString option(const char* name) { return QString::fromLatin1(name); }

// A number within [min, max] (NaN refused), or an error naming the option.
QString readNumber(const QCommandLineParser& parser, const char* name, double min, double max, double& out) {
  if (!parser.isSet(option(name))) return {};
  bool ok = false;
  const double value = parser.value(option(name)).toDouble(&ok);
  if (!ok || !std::isfinite(value) || value < min || value > max) {
    return QStringLiteral("--%1 wants a number from %2 to %3, not '%4'")
        .arg(option(name))
        .arg(min)
        .arg(max)
        .arg(parser.value(option(name)));
  }
  out = value;
  return {};
}

QString readIndex(const QCommandLineParser& parser, const char* name, const char* keyword, int& out) {
  if (!parser.isSet(option(name))) return {};
  const QString text = parser.value(option(name));
  if (text == QLatin1String(keyword)) {
    out = -1;
    return {};
  }
  bool ok = false;
  const int value = text.toInt(&ok);
  if (!ok || value < 0) {
    return QStringLiteral("--%1 wants a number from 0 or %2, not '%3'").arg(option(name), option(keyword), text);
  }
  out = value;
  return {};
}

}  // namespace

void addViewOptions(QCommandLineParser& parser) {
  const MapRequest map;
  const DrawStyle style;
  parser.addOptions({
      {option("layer"), QStringLiteral("Layer to show: a number (0 = first) or last (default)."), option("N")},
      {option("head"),
       QStringLiteral("Head: a number, mean, max or min (default mean); with rollout, how heads are fused."),
       option("H")},
      {option("method"),
       QStringLiteral("raw, rollout, gae, grad-rollout, attn-grad, occlusion or random (default %1).")
           .arg(QString::fromStdString(mapMethodName(map.method))),
       option("METHOD")},
      {option("class"),
       QStringLiteral("The class gae, grad-rollout, attn-grad and occlusion explain: top (default), an index or a "
                      "label."),
       option("CLASS")},
      {option("query"), QStringLiteral("Query: cls (the class token, default) or a patch number (row-major)."),
       option("PATCH")},
      {option("discard"),
       QStringLiteral("Rollout: share of the weakest weights dropped per layer, 0-0.99 (default %1).")
           .arg(map.discardRatio),
       option("R")},
      {option("colormap"),
       QStringLiteral("viridis, inferno, magma, turbo, jet or gray (default %1).")
           .arg(QString::fromStdString(colormapName(style.colormap))),
       option("NAME")},
      {option("alpha"), QStringLiteral("Heat-map opacity, 0-1 (default %1).").arg(style.opacity), option("A")},
      {option("grid"), QStringLiteral("Draw the patch grid.")},
      {option("mass"), QStringLiteral("Outline the patches holding this share of the attention (0-1)."), option("F")},
  });
}

QString readViewOptions(const QCommandLineParser& parser, ViewSettings& view) {
  try {
    if (parser.isSet(option("method"))) view.method = parseMapMethod(parser.value(option("method")).toStdString());
    if (parser.isSet(option("colormap"))) view.colormap = parseColormap(parser.value(option("colormap")).toStdString());
    if (parser.isSet(option("head"))) {
      const HeadSelection heads = HeadSelection::parse(parser.value(option("head")).toStdString());
      if (view.method == MapMethod::Rollout) {
        if (heads.reduce == HeadReduce::Single)
          return QStringLiteral("rollout fuses heads: use --head mean, max or min");
        view.rolloutFusion = heads.reduce;
      } else {
        view.heads = heads;
      }
    }
  } catch (const std::invalid_argument& error) {
    return QString::fromStdString(error.what());
  }
  for (const QString& error :
       {readIndex(parser, "layer", "last", view.layer), readIndex(parser, "query", "cls", view.queryPatch),
        readNumber(parser, "discard", 0.0, 0.99, view.discardRatio),
        readNumber(parser, "alpha", 0.0, 1.0, view.opacity),
        readNumber(parser, "mass", 0.0, 1.0, view.massThreshold)}) {
    if (!error.isEmpty()) return error;
  }
  if (parser.isSet(option("grid"))) view.grid = true;
  return {};
}

QString readClassOption(const QCommandLineParser& parser, const ModelMeta& meta, ViewSettings& view) {
  if (!parser.isSet(option("class"))) return {};
  const QString text = parser.value(option("class"));
  if (text == QLatin1String("top")) {
    view.targetClass = -1;
    return {};
  }
  const int64_t classes = meta.config.numClasses;
  bool isNumber = false;
  const qlonglong number = text.toLongLong(&isNumber);
  if (isNumber) {
    if (number < 0 || number >= classes) {
      return QStringLiteral("--class %1 is out of range: the model has %2 classes (0..%3)")
          .arg(text)
          .arg(classes)
          .arg(classes - 1);
    }
    view.targetClass = static_cast<int>(number);
    return {};
  }
  for (int pass = 0; pass < 2; ++pass) {  // exact first, then ignoring case
    for (int64_t i = 0; i < classes; ++i) {
      const QString label = QString::fromStdString(meta.label(i));
      if (pass == 0 ? label == text : label.compare(text, Qt::CaseInsensitive) == 0) {
        view.targetClass = static_cast<int>(i);
        return {};
      }
    }
  }
  return QStringLiteral("--class '%1' is not one of the model's %2 class names (nor top or an index)")
      .arg(text)
      .arg(classes);
}

}  // namespace vitlens::ui
