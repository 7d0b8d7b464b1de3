package org.srhfhir.server;

import ca.uhn.fhir.jpa.packages.IPackageInstallerSvc;
import ca.uhn.fhir.jpa.packages.PackageInstallOutcomeJson;
import ca.uhn.fhir.jpa.packages.PackageInstallationSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Installs the FHIR package named by {@code SRH_IG_PACKAGE} from the local file, without fetching
 * dependencies (the R4 core definitions ship with HAPI), so start-up needs no network.
 */
@Component
@Order(0)
public class PackageInstaller implements ApplicationRunner {

	private static final Logger LOG = LoggerFactory.getLogger(PackageInstaller.class);

	private final ServerSettings settings;
	private final IPackageInstallerSvc installer;

	public PackageInstaller(ServerSettings settings, IPackageInstallerSvc installer) {
		this.settings = settings;
		this.installer = installer;
	}

	@Override
	public void run(ApplicationArguments args) {
		settings.igPackage().ifPresent(this::install);
	}

	private void install(Path tgz) {
		if (!Files.isRegularFile(tgz)) {
			throw new IllegalStateException("SRH_IG_PACKAGE is not a file: " + tgz);
		}
		NpmPackage npm = readPackage(tgz);
		PackageInstallationSpec spec = new PackageInstallationSpec()
				.setName(npm.name())
				.setVersion(npm.version())
				.setPackageUrl(tgz.toUri().toString())
				.setFetchDependencies(false)
				.setInstallMode(PackageInstallationSpec.InstallModeEnum.STORE_AND_INSTALL);
		long start = System.nanoTime();
		PackageInstallOutcomeJson outcome = installer.install(spec);
		LOG.info(
				"Installed FHIR package {}#{} in {} ms: {}",
				npm.name(),
				npm.version(),
				(System.nanoTime() - start) / 1_000_000,
				outcome.getResourcesInstalled());
	}

	private static NpmPackage readPackage(Path tgz) {
		try (InputStream in = Files.newInputStream(tgz)) {
			return NpmPackage.fromPackage(in);
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot read FHIR package " + tgz, e);
		}
	}
}
