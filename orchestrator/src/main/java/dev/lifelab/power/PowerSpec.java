package dev.lifelab.power;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.lifelab.common.Checked;
import java.nio.file.Path;

/**
 * The {@code power:} section of a board's target file; {@code driver:} picks the implementation
 * (one class each in this package).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "driver")
@JsonSubTypes({
    @JsonSubTypes.Type(value = CommandPower.Spec.class, name = "command"),
    @JsonSubTypes.Type(value = ManualPower.Spec.class, name = "manual"),
    @JsonSubTypes.Type(value = QmpPower.Spec.class, name = "qmp")})
public sealed interface PowerSpec extends Checked
    permits CommandPower.Spec, ManualPower.Spec, QmpPower.Spec {

  /** Where a driver runs: the target's name, the lifelab directory, the run's records. */
  record Context(String target, Path projectDir, Path runDir) {}

  PowerControl create(Context context);
}
