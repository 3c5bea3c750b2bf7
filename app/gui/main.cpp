// vitlens: the desktop window. `vitlens [--model FILE] [--device D] [IMAGE]`, or with --screenshot OUT.png: load,
// run, render the whole window once, write it, exit (documentation and tests).
#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QTimer>

#include <cmath>
#include <cstdio>

#include "analysis/head_selection.h"
#include "engine/error_text.h"
#include "ui/attention_controls.h"
#include "ui/file_safety.h"
#include "ui/main_window.h"
#include "util/message_text.h"

namespace {

int fail(const QString& message) {
  std::fprintf(stderr, "vitlens: %s\n", vitlens::displayText(message.toStdString()).c_str());
  return 1;
}

// The options, on any application object: --help and --version run on a QCoreApplication, so they work
// without a display.
void describeOptions(QCommandLineParser& parser) {
  parser.setApplicationDescription(QStringLiteral("See what a Vision Transformer looks at."));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addOptions({
      {QStringLiteral("model"), QStringLiteral("vitlens model file (default: the built-in model)."),
       QStringLiteral("FILE")},
      {QStringLiteral("device"), QStringLiteral("auto, cpu or cuda (default auto)."), QStringLiteral("DEVICE"),
       QStringLiteral("auto")},
      {QStringLiteral("screenshot"), QStringLiteral("Render the window once into OUT.png and exit."),
       QStringLiteral("OUT.png")},
      {QStringLiteral("force"), QStringLiteral("With --screenshot: replace OUT.png if it exists.")},
      {QStringLiteral("layer"), QStringLiteral("Layer to show (0 = first; default: the last)."), QStringLiteral("N")},
      {QStringLiteral("head"), QStringLiteral("Head: a number, mean, max or min (default mean)."), QStringLiteral("H")},
      {QStringLiteral("method"), QStringLiteral("raw or rollout (default raw)."), QStringLiteral("METHOD")},
      {QStringLiteral("query"), QStringLiteral("Query patch (row-major index; default: the class token)."),
       QStringLiteral("PATCH")},
      {QStringLiteral("grid"), QStringLiteral("Draw the patch grid.")},
      {QStringLiteral("mass"), QStringLiteral("Outline the patches holding this share of the attention (0-1)."),
       QStringLiteral("F")},
      {QStringLiteral("panel"), QStringLiteral("Right-hand panel to show: heads or anatomy (default: as last time)."),
       QStringLiteral("NAME")},
  });
  parser.addPositionalArgument(QStringLiteral("IMAGE"), QStringLiteral("Image to open."), QStringLiteral("[IMAGE]"));
}

bool asksForHelpOrVersion(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const QLatin1String arg(argv[i]);
    if (arg == QLatin1String("--help") || arg == QLatin1String("-h") || arg == QLatin1String("--help-all") ||
        arg == QLatin1String("--version") || arg == QLatin1String("-v")) {
      return true;
    }
  }
  return false;
}

void nameApplication() {
  QCoreApplication::setApplicationName(QStringLiteral("vitlens"));
  QCoreApplication::setOrganizationName(QStringLiteral("vitlens"));
  QCoreApplication::setApplicationVersion(QStringLiteral(VITLENS_VERSION));
}

}  // namespace

int main(int argc, char** argv) {
  if (asksForHelpOrVersion(argc, argv)) {
    QCoreApplication core(argc, argv);
    nameApplication();
    QCommandLineParser parser;
    describeOptions(parser);
    parser.process(core);  // prints and exits
    return 0;
  }
  QApplication app(argc, argv);
  nameApplication();
  QCommandLineParser parser;
  describeOptions(parser);
  parser.process(app);
  if (parser.positionalArguments().size() > 1) return fail(QStringLiteral("give at most one image"));

  vitlens::DeviceChoice device = vitlens::DeviceChoice::Auto;
  vitlens::ui::ViewSettings view;
  try {
    device = vitlens::parseDeviceChoice(parser.value(QStringLiteral("device")).toStdString());
    if (parser.isSet(QStringLiteral("head"))) {
      view.heads = vitlens::HeadSelection::parse(parser.value(QStringLiteral("head")).toStdString());
    }
  } catch (const std::exception& e) {
    return fail(QString::fromStdString(vitlens::errorMessage(e)));
  }
  if (parser.isSet(QStringLiteral("layer"))) {
    bool ok = false;
    view.layer = parser.value(QStringLiteral("layer")).toInt(&ok);
    if (!ok || view.layer < 0) return fail(QStringLiteral("--layer wants a layer number (0 = first)"));
  }
  if (parser.isSet(QStringLiteral("method"))) {
    const QString method = parser.value(QStringLiteral("method"));
    if (method != QLatin1String("raw") && method != QLatin1String("rollout")) {
      return fail(QStringLiteral("--method wants raw or rollout, not '%1'").arg(method));
    }
    view.method =
        method == QLatin1String("rollout") ? vitlens::ui::AttentionMethod::Rollout : vitlens::ui::AttentionMethod::Raw;
  }
  if (parser.isSet(QStringLiteral("query"))) {
    bool ok = false;
    view.queryPatch = parser.value(QStringLiteral("query")).toInt(&ok);
    if (!ok || view.queryPatch < 0) return fail(QStringLiteral("--query wants a patch number (0 = top left)"));
  }
  view.grid = parser.isSet(QStringLiteral("grid"));
  if (parser.isSet(QStringLiteral("mass"))) {
    bool ok = false;
    view.massThreshold = parser.value(QStringLiteral("mass")).toDouble(&ok);
    if (!ok || !std::isfinite(view.massThreshold) || view.massThreshold < 0.0 || view.massThreshold > 1.0) {
      return fail(QStringLiteral("--mass wants a fraction between 0 and 1"));
    }
  }
  const QString panel = parser.value(QStringLiteral("panel"));
  if (!panel.isEmpty() && panel != QLatin1String("heads") && panel != QLatin1String("anatomy")) {
    return fail(QStringLiteral("--panel wants heads or anatomy, not '%1'").arg(panel));
  }
  if (device == vitlens::DeviceChoice::Cuda && !vitlens::cudaAvailable()) {
    return fail(QStringLiteral("CUDA was requested but is not available on this machine; use --device cpu"));
  }

  const QString screenshot = parser.value(QStringLiteral("screenshot"));
  const bool screenshotMode = !screenshot.isEmpty();
  if (screenshotMode && !parser.isSet(QStringLiteral("force")) && QFileInfo::exists(screenshot)) {
    return fail(QStringLiteral("%1 already exists; pass --force to replace it").arg(screenshot));
  }
  const QString model = parser.value(QStringLiteral("model"));
  if (parser.isSet(QStringLiteral("model")) && model.isEmpty()) {
    return fail(QStringLiteral("--model was given an empty path (leave it out for the built-in model)"));
  }
  if (screenshotMode && !model.isEmpty() && !QFileInfo::exists(model)) {
    return fail(QStringLiteral("%1: no such model file or folder").arg(model));
  }

  vitlens::ui::MainWindow window(model, device, /*interactive=*/!screenshotMode);
  window.show();
  const QString image = parser.positionalArguments().value(0);
  if (!image.isEmpty()) window.openImage(image);
  // Command-line view options replace the saved ones they name; colours and opacity stay as the user left them.
  auto applyView = [&window, view, panel] {
    vitlens::ui::ViewSettings merged = window.controls()->settings();
    merged.layer = view.layer;
    merged.heads = view.heads;
    merged.method = view.method;
    merged.queryPatch = view.queryPatch;
    merged.grid = view.grid;
    merged.massThreshold = view.massThreshold;
    window.controls()->setSettings(merged);
    if (!panel.isEmpty()) window.raiseDock(panel);
  };
  if (!screenshotMode) {
    QTimer::singleShot(0, &window, applyView);
    return QApplication::exec();
  }

  window.waitForIdle();
  // The window has printed its own error line already.
  if (!window.hasModel() || (!image.isEmpty() && !window.result())) {
    return window.lastError().isEmpty() ? fail(QStringLiteral("nothing to show")) : 1;
  }
  // The same ranges the CLI enforces, now that the model's shape is known.
  const vitlens::VitConfig& config = window.model()->meta.config;
  struct {
    int layers, heads, patches;
  } shape{static_cast<int>(config.depth), static_cast<int>(config.numHeads), static_cast<int>(config.numPatches())};
  if (view.layer >= shape.layers) {
    return fail(QStringLiteral("--layer %1 is out of range: the model has %2 layers (0..%3)")
                    .arg(view.layer)
                    .arg(shape.layers)
                    .arg(shape.layers - 1));
  }
  if (view.heads.reduce == vitlens::HeadReduce::Single && view.heads.head >= shape.heads) {
    return fail(QStringLiteral("--head %1 is out of range: the model has %2 heads (0..%3)")
                    .arg(view.heads.head)
                    .arg(shape.heads)
                    .arg(shape.heads - 1));
  }
  if (view.queryPatch >= shape.patches) {
    return fail(QStringLiteral("--query %1 is out of range: the grid has %2 patches (0..%3)")
                    .arg(view.queryPatch)
                    .arg(shape.patches)
                    .arg(shape.patches - 1));
  }
  applyView();
  QApplication::processEvents();
  const QString error = vitlens::ui::savePng(screenshot, window.grab().toImage());
  if (!error.isEmpty()) return fail(error);
  std::printf("%s\n", screenshot.toLocal8Bit().constData());
  return 0;
}
