package org.srhfhir.server;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Start-up settings, each read from a system property or else an environment variable of the same name.
 *
 * <ul>
 *   <li>{@code FHIR_PORT} — HTTP port, default 8080;</li>
 *   <li>{@code FHIR_HOST} — address to bind, default 127.0.0.1;</li>
 *   <li>{@code FHIR_DB_URL} — JDBC URL of the H2 database, default an in-memory database;</li>
 *   <li>{@code SRH_IG_PACKAGE} — path of a FHIR package .tgz installed at start-up (optional);</li>
 *   <li>{@code SRH_VALIDATE_WRITES} — validate created and updated resources against their profiles, default true.</li>
 * </ul>
 */
public final class ServerSettings {

	static final String DEFAULT_DB_URL = "jdbc:h2:mem:srhfhir;DB_CLOSE_DELAY=-1";

	private final int port;
	private final String host;
	private final String dbUrl;
	private final Optional<Path> igPackage;
	private final boolean validateWrites;

	private ServerSettings(int port, String host, String dbUrl, Optional<Path> igPackage, boolean validateWrites) {
		this.port = port;
		this.host = host;
		this.dbUrl = dbUrl;
		this.igPackage = igPackage;
		this.validateWrites = validateWrites;
	}

	/** Reads the settings from system properties and the environment. */
	public static ServerSettings fromEnvironment() {
		int port = Integer.parseInt(read("FHIR_PORT").orElse("8080"));
		String host = read("FHIR_HOST").orElse("127.0.0.1");
		String dbUrl = read("FHIR_DB_URL").orElse(DEFAULT_DB_URL);
		Optional<Path> igPackage = read("SRH_IG_PACKAGE").map(p -> Path.of(p).toAbsolutePath().normalize());
		boolean validateWrites = read("SRH_VALIDATE_WRITES")
				.map(v -> v.trim().toLowerCase(Locale.ROOT))
				.map(v -> !(v.equals("false") || v.equals("0") || v.equals("no") || v.equals("off")))
				.orElse(true);
		return new ServerSettings(port, host, dbUrl, igPackage, validateWrites);
	}

	private static Optional<String> read(String name) {
		String value = System.getProperty(name);
		if (value == null || value.isBlank()) {
			value = System.getenv(name);
		}
		return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
	}

	public int port() {
		return port;
	}

	public String host() {
		return host;
	}

	public String dbUrl() {
		return dbUrl;
	}

	public Optional<Path> igPackage() {
		return igPackage;
	}

	public boolean validateWrites() {
		return validateWrites;
	}

	/** The FHIR base URL clients use. */
	public String baseUrl() {
		String shown = host.equals("0.0.0.0") ? "127.0.0.1" : host;
		return "http://" + shown + ":" + port + "/fhir";
	}
}
