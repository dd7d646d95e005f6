package org.cdhub.catalog;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A small bounded connection pool: at most {@code maxConnections} physical connections, idle
 * ones kept open and checked before reuse. Closing a borrowed connection rolls back anything
 * uncommitted and returns it. Enough for the catalog's short transactions; keeping SQLite
 * connections open also spares the WAL checkpoint every last close would trigger.
 */
final class PooledDataSource implements DataSource, AutoCloseable {
  private static final Duration BORROW_TIMEOUT = Duration.ofSeconds(30);
  private static final int VALIDATION_TIMEOUT_SECONDS = 2;

  private final Driver driver;
  private final String url;
  private final String redactedUrl;
  private final Properties properties;
  private final int maxConnections;
  private final Semaphore permits;
  private final Deque<Connection> idle = new ArrayDeque<>();
  private boolean closed; // guarded by idle
  private PrintWriter logWriter;

  PooledDataSource(String url, String redactedUrl, Properties properties, int maxConnections) {
    this.url = requireNonNull(url, "url is null");
    this.redactedUrl = requireNonNull(redactedUrl, "redactedUrl is null");
    this.properties = (Properties) requireNonNull(properties, "properties is null").clone();
    if (maxConnections < 1) {
      throw new IllegalArgumentException("Invalid pool size, must be at least 1: " + maxConnections);
    }
    this.maxConnections = maxConnections;
    this.permits = new Semaphore(maxConnections, true);
    this.driver = driverFor(url, redactedUrl);
  }

  // Drivers are looked up through this module's class loader: DriverManager only offers drivers
  // visible to the caller's loader, which is not ours inside Spring Boot's nested jars.
  private static Driver driverFor(String url, String redactedUrl) {
    try {
      for (Driver candidate : ServiceLoader.load(Driver.class, PooledDataSource.class.getClassLoader())) {
        if (candidate.acceptsURL(url)) {
          return candidate;
        }
      }
      return DriverManager.getDriver(url);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot connect to catalog database " + redactedUrl
          + ": no JDBC driver on the classpath accepts the URL", e);
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    synchronized (idle) {
      if (closed) {
        throw new SQLException("Cannot borrow a connection: the catalog database " + redactedUrl + " is closed");
      }
    }
    acquirePermit();
    try {
      Connection physical = takeIdle();
      if (physical == null) {
        physical = driver.connect(url, properties);
      }
      return lease(physical);
    } catch (SQLException | RuntimeException e) {
      permits.release();
      throw e;
    }
  }

  private void acquirePermit() throws SQLException {
    try {
      if (!permits.tryAcquire(BORROW_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new SQLTransientConnectionException("Cannot borrow a connection to " + redactedUrl
            + ": all " + maxConnections + " are in use after waiting " + BORROW_TIMEOUT.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("Interrupted while waiting for a connection to " + redactedUrl, e);
    }
  }

  private Connection takeIdle() {
    while (true) {
      Connection candidate;
      synchronized (idle) {
        candidate = idle.pollFirst();
      }
      if (candidate == null) {
        return null;
      }
      if (isUsable(candidate)) {
        return candidate;
      }
      discard(candidate);
    }
  }

  private static boolean isUsable(Connection connection) {
    try {
      return connection.isValid(VALIDATION_TIMEOUT_SECONDS);
    } catch (SQLException e) {
      return false; // a connection that cannot even answer isValid is dropped, not reused
    }
  }

  private static void discard(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      // it is being dropped because it is broken; a failing close changes nothing for callers
    }
  }

  private Connection lease(Connection physical) {
    return (Connection) Proxy.newProxyInstance(
        PooledDataSource.class.getClassLoader(), new Class<?>[] {Connection.class}, new Lease(physical));
  }

  private void giveBack(Connection physical) throws SQLException {
    try {
      if (!physical.getAutoCommit()) {
        physical.rollback(); // a borrower that forgot to commit leaves nothing behind
        physical.setAutoCommit(true);
      }
      physical.clearWarnings();
      synchronized (idle) {
        if (!closed) {
          idle.addFirst(physical);
          return;
        }
      }
      physical.close();
    } catch (SQLException e) {
      try {
        physical.close();
      } catch (SQLException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    } finally {
      permits.release();
    }
  }

  /** Closes the idle connections; borrowed ones are closed when they come back. */
  @Override
  public void close() {
    Connection[] toClose;
    synchronized (idle) {
      closed = true;
      toClose = idle.toArray(new Connection[0]);
      idle.clear();
    }
    for (Connection connection : toClose) {
      discard(connection);
    }
  }

  int idleCount() {
    synchronized (idle) {
      return idle.size();
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("The catalog pool connects with its configured user only");
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    throw new SQLFeatureNotSupportedException("Set the driver's connect timeout in the JDBC URL instead");
  }

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("The catalog pool does not log through java.util.logging");
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("Not a wrapper of " + type.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }

  /** One borrowing of a physical connection; after close() the proxy refuses every call. */
  private final class Lease implements InvocationHandler {
    private final Connection physical;
    private boolean released;

    Lease(Connection physical) {
      this.physical = physical;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      switch (method.getName()) {
        case "close":
          if (!released) {
            released = true;
            giveBack(physical);
          }
          return null;
        case "isClosed":
          return released || physical.isClosed();
        case "equals":
          return proxy == args[0];
        case "hashCode":
          return System.identityHashCode(proxy);
        case "toString":
          return "pooled connection to " + redactedUrl + (released ? " (returned)" : "");
        default:
          break;
      }
      if (released) {
        throw new SQLException("Cannot use a catalog connection after close(): it went back to the pool");
      }
      try {
        return method.invoke(physical, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }
}
