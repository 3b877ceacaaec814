package dev.lifelab.it;

import dev.lifelab.target.Target;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A QEMU guest booted once for the tests of a class and powered off after them:
 * {@code @RegisterExtension static final BootedTarget guest = new BootedTarget(target, kernel);}
 */
public final class BootedTarget implements BeforeAllCallback, AfterAllCallback {
  private final String name;
  private final String kernel;
  private Target target;

  public BootedTarget(String name, String kernel) {
    this.name = name;
    this.kernel = kernel;
  }

  /** The booted target; only during the class's tests. */
  public Target target() {
    return target;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    target = Lab.boot(name, kernel);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (target != null) {
      target.close();
      target = null;
    }
  }
}
