// Published checkpoints in the window: timm and Hugging Face folders, files and config.json opened or dropped,
// prefix-token attention shown as numbers, a model without a head, and another input size.
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QLabel>
#include <QMimeData>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>

#include <sys/stat.h>

#include "ui/anatomy_view.h"
#include "ui/attention_controls.h"
#include "ui/heads_grid.h"
#include "ui/hub_download_dialog.h"
#include "ui/hub_models_dialog.h"
#include "ui/main_window.h"
#include "ui/plain_text.h"
#include "ui/prediction_panel.h"

#include <QtTest>

#include "gui_test_support.h"
#include "hub_test_server.h"

using vitlens::ui::MainWindow;

namespace {

QString fixture(const QString& name) { return QStringLiteral(VITLENS_FIXTURES_DIR) + "/interop/" + name; }

}  // namespace

class TestModelGui : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase();
  void init();
  void cleanup();
  void publishedModelsOpen_data();
  void publishedModelsOpen();
  void otherInputSize();
  void precisionReloadsTheModel();
  void menuLinesAreWrappedAtSpaces_data();
  void menuLinesAreWrappedAtSpaces();
  void namesFromFilesAreNeverMarkup();
  void fifoAsModelDoesNotHang();
  void untrainedModelSaysSoBesideItsPredictions();
  void modelsOnThisComputerOpenFromTheHubCache();
  void downloadFromHuggingFaceOpensTheModel();

 private:
  void drop(const QString& path);
  QString modelLabelText() const { return window_->findChild<QLabel*>(QStringLiteral("modelLabel"))->text(); }
  QString prefixSummary() const {
    const auto* label = window_->controls()->findChild<QLabel*>(QStringLiteral("prefixSummary"));
    return label->isVisibleTo(window_->controls()) ? label->text().replace(QChar(0x00a0), QLatin1Char(' ')) : QString();
  }
  // The loaded model's config; throws (failing the test) when none is loaded.
  const vitlens::VitConfig& modelConfig() const {
    if (window_->model() == nullptr) throw std::runtime_error("no model loaded");
    return window_->model()->meta.config;
  }
  QTemporaryDir dir_;
  std::unique_ptr<MainWindow> window_;
};

void TestModelGui::initTestCase() {
  QStandardPaths::setTestModeEnabled(true);
  QCoreApplication::setOrganizationName(QStringLiteral("vitlens-tests"));
  QCoreApplication::setApplicationName(QStringLiteral("tst_model_gui"));
  QVERIFY(dir_.isValid());
}

void TestModelGui::init() {
  window_ = std::make_unique<MainWindow>(testModelPath(dir_), vitlens::DeviceChoice::Cpu, /*interactive=*/false);
  window_->resize(1280, 800);
  window_->show();
  window_->openImage(samplePath("astronaut.jpg"));
  window_->waitForIdle();
  QVERIFY2(window_->lastError().isEmpty(), qPrintable(window_->lastError()));
}

void TestModelGui::cleanup() { window_.reset(); }

void TestModelGui::drop(const QString& path) {
  QVERIFY(dropUrl(window_.get(), path));
  window_->waitForIdle();
}

void TestModelGui::publishedModelsOpen_data() {
  QTest::addColumn<QString>("path");
  QTest::addColumn<bool>("dropIt");
  QTest::addColumn<int>("heads");
  QTest::addColumn<int>("predictions");
  QTest::addColumn<QString>("prefix");  // expected start of the prefix-token summary; empty: none shown
  QTest::newRow("timm registers folder, dropped")
      << fixture("timm_reg") << true << 4 << 5 << "Attention to prefix tokens (not in the map): class 0.";
  QTest::newRow("deit config.json, opened") << fixture("deit_distilled/config.json") << false << 4 << 5
                                            << "Attention to prefix tokens (not in the map): class 0.";
  QTest::newRow("hugging face feature extractor, dropped")
      << fixture("hf_model") << true << 2 << 0 << "Attention to prefix tokens (not in the map): class ";
  QTest::newRow("timm average pooling, no prefix tokens")
      << fixture("timm_avg/model.safetensors") << false << 3 << 4 << "";
}

void TestModelGui::publishedModelsOpen() {
  QFETCH(QString, path);
  QFETCH(bool, dropIt);
  QFETCH(int, heads);
  QFETCH(int, predictions);
  QFETCH(QString, prefix);
  if (dropIt) {
    drop(path);
  } else {
    window_->openModel(path);
    window_->waitForIdle();
  }
  QVERIFY2(window_->lastError().isEmpty(), qPrintable(window_->lastError()));
  QVERIFY(window_->model() != nullptr);
  QCOMPARE(window_->headsGrid()->layers(), 2);
  QCOMPARE(window_->headsGrid()->heads(), heads);
  QCOMPARE(window_->predictionPanel()->predictions().size(), predictions);  // the shown image, run again
  QCOMPARE(window_->imageName(), QStringLiteral("astronaut.jpg"));
  const QString summary = prefixSummary();
  if (prefix.isEmpty()) {
    QVERIFY2(summary.isEmpty(), qPrintable(summary));
  } else {
    QVERIFY2(summary.startsWith(prefix), qPrintable(summary));
  }
  if (path.contains("timm_reg")) QVERIFY2(summary.contains("register 4 0."), qPrintable(summary));
  if (path.contains("deit")) QVERIFY2(summary.contains("distillation 0."), qPrintable(summary));
}

void TestModelGui::otherInputSize() {
  window_->openModel(fixture("timm_token"));
  window_->waitForIdle();
  QVERIFY(!modelLabelText().contains("interpolated"));
  window_->setInputSize(40, 48);
  window_->waitForIdle();
  QVERIFY2(window_->lastError().isEmpty(), qPrintable(window_->lastError()));
  QCOMPARE(modelConfig().gridHeight(), int64_t(5));
  QCOMPARE(modelConfig().gridWidth(), int64_t(6));
  QVERIFY2(modelLabelText().contains("40×48, position embeddings interpolated"), qPrintable(modelLabelText()));
  const vitlens::ui::AnalysisResult* result = window_->result();
  QVERIFY(result != nullptr);
  const vitlens::AttentionSet* attention = result->analysis.attention.get();
  QVERIFY(attention != nullptr);
  QCOMPARE(attention->gridCols(), 6);

  window_->setInputSize(30, 30);  // not a multiple of the patch size: refused, the 40x48 model stays
  window_->waitForIdle();
  QVERIFY2(window_->lastError().contains("not a multiple of the patch size 8"), qPrintable(window_->lastError()));
  QCOMPARE(modelConfig().gridWidth(), int64_t(6));

  window_->setInputSize(0, 0);  // back to the model's own size
  window_->waitForIdle();
  QCOMPARE(modelConfig().gridWidth(), int64_t(4));
  QVERIFY(!modelLabelText().contains("interpolated"));
}

void TestModelGui::precisionReloadsTheModel() {
  window_->setPrecision(vitlens::ComputeDtype::BFloat16);
  window_->waitForIdle();
  QVERIFY2(window_->lastError().isEmpty(), qPrintable(window_->lastError()));
  const vitlens::ui::ModelInfo* model = window_->model();
  const vitlens::ui::AnalysisResult* result = window_->result();
  QVERIFY(model != nullptr && result != nullptr);
  QVERIFY(model->options.dtype == vitlens::ComputeDtype::BFloat16);
  QCOMPARE(result->analysis.classification.dtype, std::string("bfloat16"));
  QCOMPARE(window_->predictionPanel()->predictions().size(), 5);
  window_->setPrecision(vitlens::ComputeDtype::Float16);  // CUDA only: refused, bfloat16 stays
  window_->waitForIdle();
  QVERIFY2(window_->lastError().contains("float16 needs a CUDA device"), qPrintable(window_->lastError()));
  model = window_->model();
  QVERIFY(model != nullptr && model->options.dtype == vitlens::ComputeDtype::BFloat16);
  // Model > Precision's last line says what is in use and why.
  const QAction* inUse = window_->findChild<QAction*>(QStringLiteral("precisionInUse"));
  QVERIFY(inUse != nullptr);
  QCOMPARE(inUse->text(), QStringLiteral("In use: bfloat16: chosen by hand."));
  window_->setPrecision(vitlens::ComputeDtype::Int8);
  window_->waitForIdle();
  result = window_->result();
  QVERIFY(result != nullptr);
  QCOMPARE(result->analysis.classification.dtype, std::string("int8"));
  QCOMPARE(inUse->text(), QStringLiteral("In use: int8: chosen by hand."));
  window_->setPrecision(vitlens::ComputeDtype::Auto);
  window_->waitForIdle();
  QVERIFY(inUse->text().startsWith(QStringLiteral("In use: float32: the model is 48 wide")));  // cifar-sized
  // The whole reason, in lines short enough for a 1280-pixel-wide screen (as one line it ran off one).
  QStringList shown{inUse->text()};
  for (int i = 1; i <= 3; ++i) {
    const QAction* line = window_->findChild<QAction*>(QStringLiteral("precisionInUse%1").arg(i));
    QVERIFY(line != nullptr);
    if (line->isVisible()) shown << line->text();
  }
  QVERIFY2(shown.size() >= 2, qPrintable(shown.join(u'|')));
  for (const QString& line : shown) QVERIFY2(line.size() <= 64, qPrintable(line));
  QCOMPARE(shown.join(u' '), QStringLiteral("In use: ") + inUse->toolTip());
}

void TestModelGui::menuLinesAreWrappedAtSpaces_data() {
  QTest::addColumn<QString>("text");
  QTest::addColumn<int>("maxChars");
  QTest::addColumn<QStringList>("lines");
  QTest::newRow("empty") << QString() << 10 << QStringList{QString()};
  QTest::newRow("fits") << QStringLiteral("In use: int8") << 12 << QStringList{QStringLiteral("In use: int8")};
  QTest::newRow("breaks at the last space that fits")
      << QStringLiteral("aa bb cc dd") << 5 << QStringList{QStringLiteral("aa bb"), QStringLiteral("cc dd")};
  QTest::newRow("a longer word alone") << QStringLiteral("a bfloat16 b") << 4
                                       << QStringList{QStringLiteral("a"), QStringLiteral("bfloat16"),
                                                      QStringLiteral("b")};
  QTest::newRow("runs of spaces collapse") << QStringLiteral("  x   y ") << 3 << QStringList{QStringLiteral("x y")};
}

void TestModelGui::menuLinesAreWrappedAtSpaces() {
  QFETCH(QString, text);
  QFETCH(int, maxChars);
  QFETCH(QStringList, lines);
  QCOMPARE(vitlens::ui::wrapWords(text, maxChars), lines);
}

void TestModelGui::namesFromFilesAreNeverMarkup() {
  // A downloaded config.json can name its model anything: an <img> pointing at a FIFO used to hang the window.
  const QString fifo = dir_.filePath(QStringLiteral("image.fifo"));
  QCOMPARE(::mkfifo(fifo.toLocal8Bit().constData(), 0600), 0);
  vitlens::ModelMeta meta;
  meta.config = vitlens::VitConfig::preset("cifar-seed");
  meta.name = QStringLiteral("<img src=\"%1\"><b>bold</b>").arg(fifo).toStdString();
  meta.provenance["data"] = "<img src=\"" + fifo.toStdString() + "\">";
  const QString path = dir_.filePath(QStringLiteral("markup.safetensors"));
  vitlens::writeUntrainedModel(path.toStdString(), meta, 2, "float32");
  window_->openModel(path);
  window_->waitForIdle();
  QVERIFY2(window_->lastError().isEmpty(), qPrintable(window_->lastError()));
  auto* label = window_->findChild<QLabel*>(QStringLiteral("modelLabel"));
  QCOMPARE(label->textFormat(), Qt::PlainText);
  QVERIFY2(modelLabelText().startsWith(QStringLiteral("<img src=")), qPrintable(modelLabelText()));  // shown as text
  QVERIFY2(label->toolTip().contains(QStringLiteral("&lt;")) || !label->toolTip().contains(QStringLiteral("<img")),
           qPrintable(label->toolTip()));
  label->grab();  // painting it must not touch the FIFO (it would block here)
  window_->anatomyView()->grab();
}

void TestModelGui::fifoAsModelDoesNotHang() {
  const QString fifo = dir_.filePath(QStringLiteral("model-fifo.safetensors"));
  QCOMPARE(::mkfifo(fifo.toLocal8Bit().constData(), 0600), 0);
  const QString before = modelLabelText();
  window_->openModel(fifo);
  window_->waitForIdle();  // returned: the worker was not blocked opening the FIFO
  QVERIFY2(window_->lastError().contains(QStringLiteral("FIFO")), qPrintable(window_->lastError()));
  QCOMPARE(modelLabelText(), before);  // the previous model stays
}

void TestModelGui::untrainedModelSaysSoBesideItsPredictions() {
  vitlens::ModelMeta meta;
  meta.config = vitlens::VitConfig::preset("cifar-seed");
  meta.name = "fresh";
  const QString path = dir_.filePath(QStringLiteral("fresh.safetensors"));
  vitlens::writeUntrainedModel(path.toStdString(), meta, 4, "float32");
  window_->openModel(path);
  window_->waitForIdle();
  QVERIFY2(window_->predictionPanel()->warning().startsWith(QStringLiteral("untrained: random weights")),
           qPrintable(window_->predictionPanel()->warning()));
  QVERIFY(!window_->predictionPanel()->predictions().isEmpty());  // still shown, with the warning above them
  window_->openModel(fixture("timm_token"));                      // a trained (real-layout) checkpoint
  window_->waitForIdle();
  QCOMPARE(window_->predictionPanel()->warning(), QString());
}

// Model › Models on This Computer lists the ViTs of the Hugging Face cache and opens the one chosen.
void TestModelGui::modelsOnThisComputerOpenFromTheHubCache() {
  const QString cache = dir_.filePath(QStringLiteral("hub"));
  const QString snapshot = cache + "/models--timm--vit_reg/snapshots/0123456789abcdef0123456789abcdef01234567";
  QVERIFY(QDir().mkpath(snapshot));
  QVERIFY(QDir().mkpath(cache + "/models--timm--vit_reg/refs"));
  for (const char* name : {"model.safetensors", "config.json"}) {
    QVERIFY(QFile::copy(fixture("timm_reg") + "/" + name, snapshot + "/" + name));
  }
  QFile ref(cache + "/models--timm--vit_reg/refs/main");
  QVERIFY(ref.open(QIODevice::WriteOnly));
  ref.write("0123456789abcdef0123456789abcdef01234567");
  ref.close();
  qputenv("HF_HUB_CACHE", cache.toUtf8());
  QAction* action = window_->findChild<QAction*>(QStringLiteral("hubModelsAction"));
  QVERIFY(action != nullptr);
  action->trigger();
  auto* dialog = window_->findChild<vitlens::ui::HubModelsDialog*>();
  QVERIFY(dialog != nullptr);
  QCOMPARE(dialog->table()->rowCount(), 1);
  QCOMPARE(dialog->table()->item(0, 0)->text(), QStringLiteral("hf:timm/vit_reg@main"));
  dialog->table()->selectRow(0);
  bool clicked = false;
  for (QPushButton* button : dialog->findChildren<QPushButton*>()) {
    if (button->text() == QStringLiteral("&Open") && button->isEnabled()) {
      button->click();
      clicked = true;
    }
  }
  QVERIFY(clicked);
  window_->waitForIdle();
  QVERIFY2(window_->lastError().isEmpty(), qPrintable(window_->lastError()));
  QCOMPARE(window_->model()->requestedPath, QStringLiteral("hf:timm/vit_reg@main"));
  QCOMPARE(window_->headsGrid()->heads(), 4);
  qunsetenv("HF_HUB_CACHE");
}

// Model › Download from Hugging Face against the loopback hub: the model lands in the cache and opens.
void TestModelGui::downloadFromHuggingFaceOpensTheModel() {
  const QString served = dir_.filePath(QStringLiteral("served/timm/vit_test"));
  QVERIFY(QDir().mkpath(served));
  for (const char* name : {"model.safetensors", "config.json"}) {
    QVERIFY(QFile::copy(fixture("timm_token") + "/" + name, served + "/" + name));
  }
  HubServer server(dir_.filePath(QStringLiteral("served")), dir_.path(), {});
  QVERIFY(server.running());
  const QString cache = dir_.filePath(QStringLiteral("downloads"));
  qputenv("HF_HUB_CACHE", cache.toUtf8());
  qputenv("HF_ENDPOINT", QByteArray::fromStdString(server.endpoint()));
  qputenv("HF_TOKEN", "test-token");  // never the user's own
  window_->findChild<QAction*>(QStringLiteral("hubDownloadAction"))->trigger();
  auto* dialog = window_->findChild<vitlens::ui::HubDownloadDialog*>();
  QVERIFY(dialog != nullptr);
  dialog->repository()->setCurrentText(QStringLiteral("timm/vit_test"));
  QSignalSpy done(dialog, &vitlens::ui::HubDownloadDialog::finished);
  dialog->downloadButton()->click();
  QVERIFY(done.wait(30000));
  QVERIFY2(dialog->status().contains(QStringLiteral("is in the cache")), qPrintable(dialog->status()));
  window_->waitForIdle();
  QVERIFY2(window_->lastError().isEmpty(), qPrintable(window_->lastError()));
  QCOMPARE(window_->model()->requestedPath, QStringLiteral("hf:timm/vit_test@main"));
  QCOMPARE(window_->headsGrid()->heads(), 4);
  QVERIFY(QFileInfo(cache + "/models--timm--vit_test/refs/main").isFile());
  qunsetenv("HF_HUB_CACHE");
  qunsetenv("HF_ENDPOINT");
  qunsetenv("HF_TOKEN");
}

QTEST_MAIN(TestModelGui)
#include "tst_model_gui.moc"
