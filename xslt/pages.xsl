<?xml version="1.0" encoding="UTF-8"?>
<!--
  pages.xsl : the edition's own pages, all generated from the TEI:
    method.html      introduction and method: the project description and every source's
                     editorial declaration (once for the sources that share one), the claims
                     register's principles, works cited
    guidelines.html  encoding guidelines: the ODD (schema/purges.odd) and the encoding manual
                     (schema/ENCODING.md)
    about.html       the edition, its editors (ed-encoding, ed-historical) and its sources
    licence.html     the licence of the encoding and the rights of each original
    cite.html        how to cite (edition, source, paragraph) and the downloads

  Run once from xsl:initial-template (stage "pages"); every page is an xsl:result-document.
  One named template per page, pe:page-{key}.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:pe="https://purges-edition.example/ns"
  exclude-result-prefixes="#all">

  <xsl:import href="modules/layout.xsl"/>
  <xsl:import href="modules/header.xsl"/>
  <xsl:import href="modules/apparatus.xsl"/>
  <xsl:import href="modules/sigla.xsl"/>
  <xsl:import href="modules/markdown.xsl"/>

  <!-- The ODD's specification parts as HTML (applied to tei:schemaSpec and its children). -->
  <xsl:mode name="pe:odd" on-no-match="shallow-skip"/>

  <xsl:variable name="pe:odd" as="document-node()?"
    select="if (doc-available($schema-root || 'purges.odd')) then doc($schema-root || 'purges.odd') else ()"/>

  <xsl:template name="xsl:initial-template">
    <xsl:for-each select="'method', 'guidelines', 'about', 'licence', 'cite', 'bibliography', 'not-found'">
      <xsl:variable name="key" as="xs:string" select="."/>
      <xsl:result-document href="{pe:page-path($key)}" format="pe:html">
        <xsl:call-template name="pe:page">
          <xsl:with-param name="path" select="pe:page-path($key)"/>
          <xsl:with-param name="title" select="pe:label($key || '-title')"/>
          <xsl:with-param name="current" select="$key"/>
          <xsl:with-param name="body-class" select="'page-' || $key"/>
          <xsl:with-param name="head" select="if ($key eq 'not-found') then () else pe:meta-tags(pe:label($key || '-title'), pe:page-path($key), ())"/>
          <xsl:with-param name="searchable" select="$key ne 'not-found'"/>
          <xsl:with-param name="citable" select="$key ne 'not-found'"/>
          <xsl:with-param name="base" select="if ($key eq 'not-found') then pe:site-root-path() else ()"/>
          <xsl:with-param name="content" as="node()*">
            <h1><xsl:value-of select="pe:label($key || '-title')"/></h1>
            <xsl:choose>
              <xsl:when test="$key = 'method'"><xsl:call-template name="pe:page-method"/></xsl:when>
              <xsl:when test="$key = 'guidelines'"><xsl:call-template name="pe:page-guidelines"/></xsl:when>
              <xsl:when test="$key = 'about'"><xsl:call-template name="pe:page-about"/></xsl:when>
              <xsl:when test="$key = 'licence'"><xsl:call-template name="pe:page-licence"/></xsl:when>
              <xsl:when test="$key = 'cite'"><xsl:call-template name="pe:page-cite"/></xsl:when>
              <xsl:when test="$key = 'bibliography'"><xsl:call-template name="pe:page-bibliography"/></xsl:when>
              <xsl:when test="$key = 'not-found'"><xsl:call-template name="pe:page-not-found"/></xsl:when>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:result-document>
    </xsl:for-each>
  </xsl:template>

  <!-- paragraphs of TEI prose, rendered as in the text (links relative to the site root) -->
  <xsl:template name="pe:prose">
    <xsl:param name="p" as="node()*"/>
    <xsl:apply-templates select="$p" mode="pe:text">
      <xsl:with-param name="root" select="''" tunnel="yes"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- what makes two sources' statements (an editorial declaration, the rights of an original)
       the same: their serialized XML, word for word; none is a statement of its own -->
  <xsl:function name="pe:statement-key" as="xs:string">
    <xsl:param name="statement" as="element()?"/>
    <xsl:sequence select="if (exists($statement)) then serialize($statement) else ''"/>
  </xsl:function>

  <!-- the names of $sources, in reading order, separated by commas -->
  <xsl:template name="pe:source-names">
    <xsl:param name="sources" as="element(tei:TEI)+"/>
    <xsl:for-each select="$sources">
      <xsl:if test="position() gt 1"><xsl:text>, </xsl:text></xsl:if>
      <xsl:call-template name="pe:source-name"><xsl:with-param name="siglum" select="string(@xml:id)"/></xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <!-- ============================================================ method -->
  <xsl:template name="pe:page-method">
    <section class="prose" aria-labelledby="project-heading">
      <h2 id="project-heading"><xsl:value-of select="pe:label('method-project')"/></h2>
      <xsl:call-template name="pe:prose"><xsl:with-param name="p" select="pe:project-paragraphs()"/></xsl:call-template>
      <p><xsl:value-of select="pe:label('method-intro')"/></p>
    </section>
    <section class="prose" aria-labelledby="principles-heading">
      <h2 id="principles-heading"><xsl:value-of select="pe:label('method-principles')"/></h2>
      <!-- sources edited on the same principles (the same declaration, word for word) share one
           entry: in a large collection many do, and the page does not repeat it for each -->
      <xsl:for-each-group select="pe:source-headers()/tei:TEI" group-by="pe:statement-key(tei:teiHeader/tei:encodingDesc/tei:editorialDecl)">
        <h3 id="method-{@xml:id}">
          <xsl:choose>
            <xsl:when test="count(current-group()) = 1">
              <xsl:call-template name="pe:source-name"><xsl:with-param name="siglum" select="string(@xml:id)"/></xsl:call-template>
            </xsl:when>
            <xsl:otherwise><xsl:value-of select="pe:label('method-shared', string(count(current-group())))"/></xsl:otherwise>
          </xsl:choose>
        </h3>
        <xsl:if test="count(current-group()) gt 1">
          <p class="decl-sources"><xsl:call-template name="pe:source-names"><xsl:with-param name="sources" select="current-group()"/></xsl:call-template></p>
        </xsl:if>
        <dl class="decl">
          <xsl:apply-templates select="tei:teiHeader/tei:encodingDesc/tei:editorialDecl/*" mode="pe:header">
            <xsl:with-param name="root" select="''" tunnel="yes"/>
          </xsl:apply-templates>
        </dl>
      </xsl:for-each-group>
      <xsl:for-each select="pe:claims()/tei:TEI/tei:teiHeader/tei:encodingDesc/tei:editorialDecl">
        <h3 id="method-claims"><xsl:value-of select="pe:label('claims-title')"/></h3>
        <xsl:call-template name="pe:prose"><xsl:with-param name="p" select="descendant::tei:p"/></xsl:call-template>
      </xsl:for-each>
    </section>
    <xsl:if test="exists(pe:bibliography()//tei:biblStruct)">
      <section class="prose" aria-labelledby="works-heading">
        <h2 id="works-heading"><xsl:value-of select="pe:label('method-works-cited')"/></h2>
        <p><a href="{pe:page-path('bibliography')}"><xsl:value-of select="pe:label('bibliography-title')"/></a>:
          <xsl:value-of select="pe:label('bibliography-intro')"/></p>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- ============================================================ guidelines -->
  <xsl:template name="pe:page-guidelines">
    <xsl:if test="$pe:odd">
      <section class="prose odd" aria-labelledby="odd-heading">
        <h2 id="odd-heading"><xsl:value-of select="normalize-space(($pe:odd//tei:titleStmt/tei:title)[1])"/></h2>
        <xsl:call-template name="pe:prose"><xsl:with-param name="p" select="$pe:odd//tei:text/tei:body/tei:div"/></xsl:call-template>
      </section>
    </xsl:if>
    <xsl:variable name="manual" as="xs:string" select="$schema-root || 'ENCODING.md'"/>
    <xsl:if test="unparsed-text-available($manual)">
      <section class="prose manual" aria-labelledby="manual-heading">
        <h2 id="manual-heading"><xsl:value-of select="pe:label('guidelines-manual')"/></h2>
        <!-- the manual's own title is the section heading above -->
        <xsl:sequence select="pe:markdown(replace(unparsed-text($manual), '^# [^\n]*\n', ''), 'manual-', 2)"/>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- the ODD's pointers to its sibling files: the manual is on this page, the schemas are
       downloads (text.xsl's hook mode pe:text-hook, for the guidelines page only) -->
  <xsl:template match="tei:ref[exists(root()//tei:schemaSpec)]
    [@target = ('ENCODING.md', 'purges.rng', 'purges.sch', 'purges.odd', 'make_schema.py')]" mode="pe:text-hook">
    <xsl:choose>
      <xsl:when test="@target = 'ENCODING.md'"><a href="#manual-heading"><xsl:apply-templates mode="pe:text"/></a></xsl:when>
      <xsl:when test="@target = 'make_schema.py'"><code><xsl:apply-templates mode="pe:text"/></code></xsl:when>
      <xsl:otherwise><a href="downloads/{@target}"><xsl:apply-templates mode="pe:text"/></a></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- the ODD's schemaSpec, inside its div: the element specifications and the rules -->
  <xsl:template match="tei:schemaSpec" mode="pe:text-hook">
    <xsl:apply-templates select="." mode="pe:odd"/>
  </xsl:template>

  <xsl:template match="tei:schemaSpec" mode="pe:odd">
    <h4><xsl:value-of select="pe:label('odd-modules')"/></h4>
    <ul><xsl:apply-templates select="tei:moduleRef" mode="#current"/></ul>
    <h4><xsl:value-of select="pe:label('odd-values')"/></h4>
    <div class="table-wrap"><table class="spec-table">
      <thead><tr><th scope="col"><xsl:value-of select="pe:label('odd-element')"/></th>
        <th scope="col"><xsl:value-of select="pe:label('odd-attribute')"/></th>
        <th scope="col"><xsl:value-of select="pe:label('odd-allowed')"/></th></tr></thead>
      <tbody><xsl:apply-templates select="tei:elementSpec//tei:attDef" mode="#current"/></tbody>
    </table></div>
    <h4><xsl:value-of select="pe:label('odd-rules')"/></h4>
    <dl class="gloss-list"><xsl:apply-templates select="tei:constraintSpec" mode="#current"/></dl>
  </xsl:template>

  <xsl:template match="tei:moduleRef" mode="pe:odd">
    <li><code><xsl:value-of select="@key"/></code><xsl:if test="@include">: <xsl:value-of select="@include"/></xsl:if></li>
  </xsl:template>

  <xsl:template match="tei:attDef" mode="pe:odd">
    <tr>
      <td><code>&lt;<xsl:value-of select="ancestor::tei:elementSpec/@ident"/>&gt;</code></td>
      <td><code>@<xsl:value-of select="@ident"/></code>
        <xsl:for-each select="tei:desc"><br/><xsl:call-template name="pe:prose"><xsl:with-param name="p" select="node()"/></xsl:call-template></xsl:for-each></td>
      <td><xsl:if test="tei:valList/tei:valItem"><dl class="gloss-list">
        <xsl:for-each select="tei:valList/tei:valItem">
          <dt><code><xsl:value-of select="@ident"/></code></dt>
          <dd><xsl:call-template name="pe:prose"><xsl:with-param name="p" select="tei:desc/node()"/></xsl:call-template></dd>
        </xsl:for-each></dl></xsl:if></td>
    </tr>
  </xsl:template>

  <xsl:template match="tei:constraintSpec" mode="pe:odd">
    <dt id="rule-{@ident}"><code><xsl:value-of select="@ident"/></code></dt>
    <dd><xsl:call-template name="pe:prose"><xsl:with-param name="p" select="tei:desc/node()"/></xsl:call-template></dd>
  </xsl:template>

  <!-- ============================================================ about -->
  <!-- the front matter: the project, the historical introduction (tei/edition.xml, text/front),
       the editors with their roles, the sources, the version history (CHANGELOG.md and the
       revisionDesc of every file) and how to cite -->
  <xsl:template name="pe:page-about">
    <section class="prose">
      <xsl:call-template name="pe:prose"><xsl:with-param name="p" select="pe:project-paragraphs()"/></xsl:call-template>
      <p><xsl:value-of select="pe:label('home-what-text')"/></p>
    </section>
    <xsl:for-each select="$pe:edition/tei:TEI/tei:text/tei:front/tei:div">
      <section class="prose front-matter" id="{(@xml:id, 'introduction')[1]}" aria-labelledby="{(@xml:id, 'introduction')[1]}-heading">
        <h2 id="{(@xml:id, 'introduction')[1]}-heading"><xsl:value-of select="normalize-space(tei:head[1])"/></h2>
        <xsl:call-template name="pe:prose"><xsl:with-param name="p" select="* except (tei:head, tei:note)"/></xsl:call-template>
        <xsl:for-each select="tei:note">
          <p class="front-note"><small><xsl:call-template name="pe:prose"><xsl:with-param name="p" select="node()"/></xsl:call-template></small></p>
        </xsl:for-each>
        <xsl:for-each select="@resp[starts-with(., 'ed:')]">
          <p class="front-resp"><xsl:value-of select="pe:label('about-resp')"/><xsl:text> </xsl:text>
            <a href="#{replace(., '^ed:', 'ed-')}"><xsl:value-of select="normalize-space(pe:resolve(.)/tei:persName)"/></a></p>
        </xsl:for-each>
      </section>
    </xsl:for-each>
    <xsl:variable name="editors" as="element()*" select="pe:persons()//tei:listPerson[@type = 'editors']/tei:person"/>
    <xsl:if test="exists($editors)">
      <section class="prose" aria-labelledby="editors-heading">
        <h2 id="editors-heading"><xsl:value-of select="pe:label('about-editors')"/></h2>
        <dl>
          <xsl:for-each select="$editors">
            <dt id="{@xml:id}"><xsl:value-of select="normalize-space((tei:persName, tei:name, @xml:id)[1])"/></dt>
            <dd><xsl:value-of select="normalize-space(string-join((tei:note, tei:occupation, tei:roleName), ' '))"/></dd>
          </xsl:for-each>
        </dl>
      </section>
    </xsl:if>
    <section class="prose" aria-labelledby="about-sources-heading">
      <h2 id="about-sources-heading"><xsl:value-of select="pe:label('home-sources')"/></h2>
      <ul>
        <xsl:for-each select="pe:source-headers()/tei:TEI">
          <li><xsl:call-template name="pe:source-name"><xsl:with-param name="siglum" select="string(@xml:id)"/></xsl:call-template>
            (<xsl:value-of select="string-join((pe:genre(.) ! pe:term-label(.), pe:source-date(.)[. ne '']), ', ')"/>)</li>
        </xsl:for-each>
      </ul>
      <p><xsl:value-of select="pe:label('about-technology')"/></p>
    </section>
    <xsl:call-template name="pe:version-history"/>
    <section class="prose" aria-labelledby="about-cite-heading">
      <h2 id="about-cite-heading"><xsl:value-of select="pe:label('cite-title')"/></h2>
      <xsl:sequence select="pe:cite-texts(pe:label('site-subtitle'), pe:page-path('home'), 'h3')"/>
      <p><xsl:value-of select="pe:label('cite-how-paragraph')"/>
        <xsl:text> </xsl:text><a href="{pe:page-path('cite')}"><xsl:value-of select="pe:label('cite-title')"/></a></p>
    </section>
  </xsl:template>

  <!-- the version history: the changelog's versions (CHANGELOG.md beside schema/) and every
       change recorded in the revisionDesc of the collection's files, newest first -->
  <xsl:template name="pe:version-history">
    <xsl:variable name="changelog" as="xs:string" select="resolve-uri('../CHANGELOG.md', $schema-root)"/>
    <xsl:variable name="files" as="document-node()*" select="($pe:edition, pe:source-headers(), pe:claims(), pe:bibliography(),
      $pe:indexes ! pe:index-doc(?name))"/>
    <section class="prose version-history" id="versions" aria-labelledby="versions-heading">
      <h2 id="versions-heading"><xsl:value-of select="pe:label('about-versions')"/></h2>
      <p><xsl:value-of select="pe:label('footer-version', (pe:edition-version(), pe:build-date()))"/></p>
      <xsl:if test="unparsed-text-available($changelog)">
        <details class="changelog">
          <summary><xsl:value-of select="pe:label('about-changelog')"/></summary>
          <xsl:sequence select="pe:markdown(replace(unparsed-text($changelog), '^# [^\n]*\n', ''), 'changelog-', 3)"/>
        </details>
      </xsl:if>
      <h3><xsl:value-of select="pe:label('about-revisions')"/></h3>
      <div class="table-wrap">
        <table class="revisions">
          <thead><tr>
            <th scope="col"><xsl:value-of select="pe:label('about-rev-date')"/></th>
            <th scope="col"><xsl:value-of select="pe:label('about-rev-file')"/></th>
            <th scope="col"><xsl:value-of select="pe:label('about-rev-who')"/></th>
            <th scope="col"><xsl:value-of select="pe:label('about-rev-what')"/></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="$files/tei:TEI/tei:teiHeader/tei:revisionDesc//tei:change">
              <xsl:sort select="string(@when)" order="descending"/>
              <xsl:sort select="string(root()/tei:TEI/@xml:id)"/>
              <tr>
                <td><xsl:value-of select="@when"/></td>
                <td><xsl:value-of select="normalize-space((root()/tei:TEI/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title)[1])"/></td>
                <td><xsl:value-of select="string-join(tokenize(normalize-space(@who)) ! normalize-space(pe:resolve(.)/tei:persName), ', ')"/></td>
                <td><xsl:value-of select="normalize-space(.)"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
    </section>
  </xsl:template>

  <!-- a bibliographic reference in the edition's own prose (the front matter): the one
       rendering of a short citation, pe:bibl-cite-link -->
  <xsl:template match="tei:ref[starts-with(@target, 'bib:')]" mode="pe:text-hook">
    <xsl:param name="root" as="xs:string" tunnel="yes" select="''"/>
    <xsl:variable name="bibl" as="element()?" select="pe:pointer-target(@target, .)[self::tei:biblStruct]"/>
    <xsl:choose>
      <xsl:when test="$bibl"><xsl:sequence select="pe:bibl-cite-link($bibl, $root, ())"/></xsl:when>
      <xsl:otherwise><cite><xsl:apply-templates mode="pe:text"/></cite></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================ bibliography -->
  <!-- every work of tei/bibliography.xml, by author and year, each at its xml:id (the anchor of
       pe:bibl-path, which every short citation links to), with the editors' notes on it and the
       claims that cite it -->
  <xsl:key name="pe:cites" match="tei:rdg[@source]" use="substring-after(@source, 'bib:')"/>
  <xsl:key name="pe:cites" match="tei:rdg[tei:bibl/tei:ptr/@target]" use="substring-after(tei:bibl/tei:ptr/@target, 'bib:')"/>

  <xsl:template name="pe:page-bibliography">
    <section class="prose bibliography" aria-labelledby="bibliography-heading">
      <h2 id="bibliography-heading" class="visually-hidden"><xsl:value-of select="pe:label('method-works-cited')"/></h2>
      <p><xsl:value-of select="pe:label('bibliography-intro')"/></p>
      <ul class="works-cited">
        <xsl:for-each select="pe:bibliography()//tei:biblStruct[@xml:id]">
          <xsl:sort select="lower-case(normalize-space(((tei:analytic, tei:monogr)/(tei:author | tei:editor))[1]))"/>
          <xsl:sort select="pe:bibl-year(.)"/>
          <xsl:variable name="key" as="xs:string" select="replace(@xml:id, '^bib-', '')"/>
          <xsl:variable name="apps" as="element(tei:app)*"
            select="(pe:claims() ! key('pe:cites', $key, .))/ancestor::tei:app"/>
          <li id="{@xml:id}" class="bibl-entry">
            <p class="bibl-short"><b><xsl:value-of select="pe:bibl-short(.)"/></b></p>
            <p><xsl:apply-templates select="." mode="pe:citation"/></p>
            <xsl:for-each select="tei:note">
              <p class="bibl-note"><xsl:value-of select="normalize-space(.)"/></p>
            </xsl:for-each>
            <xsl:if test="exists($apps)">
              <details class="bibl-cited-by">
                <summary><xsl:value-of select="pe:label('bibliography-cited-by', string(count($apps)))"/></summary>
                <ul>
                  <xsl:for-each select="$apps">
                    <li><a href="{pe:claim-path(@xml:id)}"><xsl:value-of select="pe:claim-question(.)"/></a></li>
                  </xsl:for-each>
                </ul>
              </details>
            </xsl:if>
          </li>
        </xsl:for-each>
      </ul>
    </section>
  </xsl:template>

  <!-- ============================================================ 404 -->
  <!-- served by teipub/server.py for any missing address, at any depth: the shell's relative
       links are resolved against the site's root by a base element (see pe:page, path 404.html
       with $base) -->
  <xsl:template name="pe:page-not-found">
    <section class="prose not-found">
      <p><xsl:value-of select="pe:label('not-found-text')"/></p>
      <h2><xsl:value-of select="pe:label('not-found-links')"/></h2>
      <ul>
        <xsl:for-each select="'home', 'claims', 'indexes', 'chronology', 'bibliography', 'about', 'search'">
          <li><a href="{pe:page-path(.)}"><xsl:value-of select="pe:label(if (. = 'indexes') then 'indexes-title' else 'nav-' || .)"/></a></li>
        </xsl:for-each>
      </ul>
    </section>
  </xsl:template>

  <!-- ============================================================ licence -->
  <xsl:template name="pe:page-licence">
    <section class="prose">
      <p><xsl:value-of select="pe:label('licence-encoding')"/>
        <xsl:text> </xsl:text><a href="{$pe:licence}">CC BY 4.0</a>.</p>
      <p><xsl:value-of select="pe:label('licence-code')"/></p>
    </section>
    <section class="prose" aria-labelledby="rights-heading">
      <h2 id="rights-heading"><xsl:value-of select="pe:label('licence-originals')"/></h2>
      <dl>
        <!-- sources under the same statement, word for word, share one entry (see the method page) -->
        <xsl:for-each-group select="pe:source-headers()/tei:TEI" group-by="pe:statement-key(tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:availability)">
          <dt><xsl:call-template name="pe:source-names"><xsl:with-param name="sources" select="current-group()"/></xsl:call-template></dt>
          <dd><xsl:call-template name="pe:prose"><xsl:with-param name="p"
            select="tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:availability/(tei:licence | tei:p)"/></xsl:call-template></dd>
        </xsl:for-each-group>
      </dl>
    </section>
  </xsl:template>

  <!-- ============================================================ cite and download -->
  <xsl:template name="pe:page-cite">
    <section class="prose" aria-labelledby="cite-edition-heading">
      <h2 id="cite-edition-heading"><xsl:value-of select="pe:label('cite-edition')"/></h2>
      <xsl:sequence select="pe:cite-texts(pe:label('site-subtitle'), pe:page-path('home'), 'h3')"/>
      <p><xsl:value-of select="pe:label('cite-how-paragraph')"/></p>
    </section>
    <section class="prose downloads" id="downloads" aria-labelledby="downloads-heading">
      <h2 id="downloads-heading"><xsl:value-of select="pe:label('downloads')"/></h2>
      <xsl:variable name="files" as="xs:string*" select="tokenize($downloads)"/>
      <h3><xsl:value-of select="pe:label('downloads-sources')"/></h3>
      <ul>
        <xsl:for-each select="pe:source-headers()/tei:TEI">
          <li><a href="downloads/{@xml:id}.xml" type="application/tei+xml"><xsl:value-of select="pe:source-title(string(@xml:id))"/></a>
            (<code><xsl:value-of select="@xml:id"/>.xml</code>)</li>
        </xsl:for-each>
      </ul>
      <h3><xsl:value-of select="pe:label('downloads-data')"/></h3>
      <ul>
        <xsl:for-each select="$files[not(. = (pe:source-headers()/tei:TEI/@xml:id ! (. || '.xml')))]">
          <li><a href="downloads/{.}"><code><xsl:value-of select="."/></code></a>
            <xsl:text> </xsl:text><xsl:value-of select="pe:download-label(.)"/></li>
        </xsl:for-each>
      </ul>
    </section>
  </xsl:template>

  <!-- what a download is, from its name -->
  <xsl:function name="pe:download-label" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:variable name="key" as="xs:string" select="'dl-' || replace($name, '\.', '-')"/>
    <xsl:sequence select="if (map:contains($pe:labels, $key)) then pe:label($key) else ''"
      xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
  </xsl:function>
</xsl:stylesheet>
